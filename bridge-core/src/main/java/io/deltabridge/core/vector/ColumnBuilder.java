package io.deltabridge.core.vector;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.error.Problem;
import java.math.BigDecimal;

/**
 * Appends the values of one column (or of one nested field, array element, map key or map value)
 * to growable arrays that are reused across batches; {@link #vector()} exposes them as a Kernel
 * {@link ColumnVector} without copying.
 *
 * <p>Each Delta type has its own subclass; this base class declares every typed append so that a
 * caller holding a plain {@code ColumnBuilder} can write any value, and the wrong one fails with an
 * {@link IllegalStateException} (a programming error, not a data error). Data errors (a null in a
 * NOT NULL column, a decimal that does not fit) throw {@link DataException} naming {@link #path()}.
 *
 * <p>Nested values: an array is {@link #beginArray()}, appends to {@link #elements()},
 * {@link #endArray()}; a map is {@link #beginMap()}, pairwise appends to {@link #keys()} and
 * {@link #values()}, {@link #endMap()}; a struct is {@link #beginStruct()}, at most one append to
 * each {@link #child(int)}, {@link #endStruct()} (fields not appended become null).
 *
 * <p>Not thread-safe. Row atomicity is handled by {@link BatchBuilder}.
 */
public abstract class ColumnBuilder {
    private static final boolean[] NO_NULLS = new boolean[0];

    private final DataType type;
    private final String path;
    private final boolean nullable;
    /** True at index i when value i is null; grown together with the value arrays. */
    boolean[] nulls = NO_NULLS;

    int size;
    private int capacity;

    ColumnBuilder(DataType type, String path, boolean nullable) {
        this.type = type;
        this.path = path;
        this.nullable = nullable;
    }

    /** The Delta type of the values. */
    public final DataType type() {
        return type;
    }

    /** Where the values live, for messages: {@code col}, {@code s.field}, {@code arr[]}, {@code m{key}}, {@code m{value}}. */
    public final String path() {
        return path;
    }

    /** Whether null values are allowed (nullable field, array with null elements, map with null values). */
    public final boolean isNullable() {
        return nullable;
    }

    /** Number of values appended (committed or not). */
    public final int size() {
        return size;
    }

    /** Appends a null value; throws {@link DataException} when the column is NOT NULL. */
    public final void appendNull() {
        if (!nullable) {
            throw Problem.of("Null value for NOT NULL column '%s'", path)
                    .because("the record has null (or no value) where the table requires a value")
                    .fix("send a value for '%s', or make the column nullable", path)
                    .data();
        }
        appendNullUnchecked();
    }

    /** Appends a null even to a NOT NULL field: placeholders under a null struct. */
    final void appendNullUnchecked() {
        int i = nextSlot();
        nulls[i] = true;
        onNull(i);
    }

    /** Reserves index {@code size} (growing the arrays), marks it non-null and returns it. */
    final int nextSlot() {
        int i = size;
        if (i == capacity) {
            int newCapacity = Math.max(16, capacity + (capacity >> 1));
            nulls = java.util.Arrays.copyOf(nulls, newCapacity);
            resize(newCapacity);
            capacity = newCapacity;
        }
        nulls[i] = false;
        size = i + 1;
        return i;
    }

    /** Grows the value arrays to hold {@code newCapacity} values. */
    abstract void resize(int newCapacity);

    /** Fills the value slot of a null at index {@code i} (offsets, struct placeholders); default nothing. */
    void onNull(int i) {}

    /** Drops the values from index {@code newSize} on, including their nested values. */
    void truncate(int newSize) {
        size = newSize;
    }

    /** A Kernel vector over the first {@link #size()} values; shares memory with this builder. */
    public abstract ColumnVector vector();

    /** Approximate bytes held by the appended values (for flush-by-size decisions). */
    abstract long byteSize();

    public void appendBoolean(boolean value) {
        throw wrongAppend("appendBoolean");
    }

    public void appendByte(byte value) {
        throw wrongAppend("appendByte");
    }

    public void appendShort(short value) {
        throw wrongAppend("appendShort");
    }

    /** INT, and DATE as days since 1970-01-01. */
    public void appendInt(int value) {
        throw wrongAppend("appendInt");
    }

    /** BIGINT, and TIMESTAMP / TIMESTAMP_NTZ as microseconds since 1970-01-01T00:00 (UTC for TIMESTAMP). */
    public void appendLong(long value) {
        throw wrongAppend("appendLong");
    }

    public void appendFloat(float value) {
        throw wrongAppend("appendFloat");
    }

    public void appendDouble(double value) {
        throw wrongAppend("appendDouble");
    }

    /**
     * A DECIMAL(p,s) value; it is rescaled to s without rounding. Throws {@link DataException} when
     * it needs rounding or has more than p digits.
     */
    public void appendDecimal(BigDecimal value) {
        throw wrongAppend("appendDecimal");
    }

    /** A DECIMAL(p,s) value given as its unscaled integer (value = unscaled / 10^s). */
    public void appendDecimalUnscaled(long unscaled) {
        throw wrongAppend("appendDecimalUnscaled");
    }

    public void appendString(String value) {
        throw wrongAppend("appendString");
    }

    /** A string from UTF-16 chars (e.g. a JSON parser's text buffer), stored as UTF-8. */
    public void appendString(char[] chars, int offset, int length) {
        throw wrongAppend("appendString");
    }

    /** A string from UTF-8 bytes (copied; not validated). */
    public void appendString(byte[] utf8, int offset, int length) {
        throw wrongAppend("appendString");
    }

    public final void appendBinary(byte[] value) {
        appendBinary(value, 0, value.length);
    }

    /** A BINARY value (copied). */
    public void appendBinary(byte[] value, int offset, int length) {
        throw wrongAppend("appendBinary");
    }

    /** A DATE as days since 1970-01-01 (proleptic Gregorian). */
    public void appendDate(int daysSinceEpoch) {
        throw wrongAppend("appendDate");
    }

    /** A TIMESTAMP (UTC) or TIMESTAMP_NTZ as microseconds since 1970-01-01T00:00. */
    public void appendTimestamp(long microsSinceEpoch) {
        throw wrongAppend("appendTimestamp");
    }

    /** Starts an array value; append its elements to {@link #elements()}, then {@link #endArray()}. */
    public void beginArray() {
        throw wrongAppend("beginArray");
    }

    /** Ends the array value started by {@link #beginArray()}. */
    public void endArray() {
        throw wrongAppend("endArray");
    }

    /** The builder of an ARRAY column's elements. */
    public ColumnBuilder elements() {
        throw wrongAppend("elements");
    }

    /** Starts a map value; append keys and values pairwise, then {@link #endMap()}. */
    public void beginMap() {
        throw wrongAppend("beginMap");
    }

    /** Ends the map value; throws when keys and values were not appended pairwise. */
    public void endMap() {
        throw wrongAppend("endMap");
    }

    /** The builder of a MAP column's keys (never null). */
    public ColumnBuilder keys() {
        throw wrongAppend("keys");
    }

    /** The builder of a MAP column's values. */
    public ColumnBuilder values() {
        throw wrongAppend("values");
    }

    /** Starts a struct value; append at most one value to each {@link #child(int)}, then {@link #endStruct()}. */
    public void beginStruct() {
        throw wrongAppend("beginStruct");
    }

    /**
     * Ends the struct value: fields without a value become null; throws {@link DataException} naming
     * a NOT NULL field without a value (the caller's row rollback then discards the partial struct).
     */
    public void endStruct() {
        throw wrongAppend("endStruct");
    }

    /** The builder of a STRUCT column's field at {@code ordinal}. */
    public ColumnBuilder child(int ordinal) {
        throw wrongAppend("child");
    }

    /** Number of fields of a STRUCT column (0 for other types). */
    public int childCount() {
        return 0;
    }

    final IllegalStateException wrongAppend(String method) {
        return new IllegalStateException(method + " is not valid for column '" + path + "' of type " + type);
    }
}
