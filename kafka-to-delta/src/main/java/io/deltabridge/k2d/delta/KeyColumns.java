package io.deltabridge.k2d.delta;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.deltabridge.core.delta.PrimitiveTypes;
import io.deltabridge.core.error.Problem;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The key columns of an upsert table: reads a row's key as a value with equality (a list of the
 * columns' Java values), and narrows a scan to the files whose statistics may hold a set of keys.
 */
public final class KeyColumns {
    /** Partition values of one key column above which a batch's keys do not prune partitions (the filter would grow too large). */
    static final int MAX_PARTITION_VALUES = 256;

    private final List<String> names;
    private final int[] ordinals;
    private final DataType[] types;

    /** @throws io.deltabridge.core.error.ConfigException when a column is missing or of a type that cannot be a key */
    public KeyColumns(StructType schema, List<String> names, String table) {
        this.names = List.copyOf(names);
        this.ordinals = new int[names.size()];
        this.types = new DataType[names.size()];
        for (int i = 0; i < ordinals.length; i++) {
            ordinals[i] = schema.indexOf(names.get(i));
            if (ordinals[i] < 0) {
                throw Problem.of("Key column '%s' is not a column of %s", names.get(i), table)
                        .because("the table's columns are %s", schema.fieldNames())
                        .fix("correct 'key', or add the column to the table")
                        .config();
            }
            types[i] = schema.at(ordinals[i]).getDataType();
            if (!PrimitiveTypes.isPrimitive(types[i])) {
                throw Problem.of("Key column '%s' of %s has type %s", names.get(i), table, types[i])
                        .because(
                                "upsert matches rows by key columns of primitive types (numbers, strings, binary, dates, timestamps)")
                        .fix("choose key columns of such types in 'key'")
                        .config();
            }
        }
    }

    public List<String> names() {
        return names;
    }

    /** The schema's ordinals of the key columns, in {@code key} order. */
    public int[] ordinals() {
        return ordinals.clone();
    }

    /** The key of {@code row}, or null when a key column is null there. */
    public List<Object> key(ColumnarBatch batch, int row) {
        return key(k -> batch.getColumnVector(ordinals[k]), row);
    }

    /** The key of a row of a batch holding only the key columns, in {@code key} order. */
    List<Object> keyOfProjection(ColumnarBatch keysOnly, int row) {
        return key(keysOnly::getColumnVector, row);
    }

    /** The key of {@code row} in the vectors {@code keyVector} gives per key column (0: the first of {@code key}); null when one is null. */
    public List<Object> key(IntFunction<ColumnVector> keyVector, int row) {
        Object[] values = new Object[ordinals.length];
        for (int k = 0; k < ordinals.length; k++) {
            ColumnVector v = keyVector.apply(k);
            if (v.isNullAt(row)) {
                return null;
            }
            values[k] = value(v, types[k], row);
        }
        return Arrays.asList(values);
    }

    /** The key columns alone, in {@code key} order: what is read to find the rows a batch changes. */
    StructType schema(StructType table) {
        List<StructField> fields = new ArrayList<>();
        for (int ordinal : ordinals) {
            fields.add(table.at(ordinal));
        }
        return new StructType(fields);
    }

    /**
     * A filter for the files that may hold one of {@code keys}: per key column, its values when it is a partition column
     * (partition pruning; at most {@value #MAX_PARTITION_VALUES} of them, else no condition on it), or the range of its
     * values for the types whose statistics order is the values' order (data skipping); empty (every file) when no key
     * column gives a condition.
     */
    Optional<Predicate> candidateFilter(Collection<List<Object>> keys, Collection<String> partitionColumns) {
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        Predicate filter = null;
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            Optional<Predicate> condition = partitionColumns.stream().anyMatch(name::equalsIgnoreCase)
                    ? partitionValues(k, keys)
                    : range(k, keys);
            if (condition.isPresent()) {
                filter = filter == null ? condition.get() : new Predicate("AND", filter, condition.get());
            }
        }
        return Optional.ofNullable(filter);
    }

    /** The key column {@code k} equals one of its values in {@code keys}. */
    private Optional<Predicate> partitionValues(int k, Collection<List<Object>> keys) {
        if (!isRangeType(types[k])) {
            return Optional.empty();
        }
        Set<Object> values = new LinkedHashSet<>();
        for (List<Object> key : keys) {
            values.add(key.get(k));
            if (values.size() > MAX_PARTITION_VALUES) {
                return Optional.empty();
            }
        }
        Predicate any = null;
        Column column = new Column(names.get(k));
        for (Object v : values) {
            Predicate equal = new Predicate("=", column, literal(types[k], v));
            any = any == null ? equal : new Predicate("OR", any, equal);
        }
        return Optional.of(any);
    }

    /** The key column {@code k} lies between its least and greatest value in {@code keys}. */
    private Optional<Predicate> range(int k, Collection<List<Object>> keys) {
        if (!isRangeType(types[k])) {
            return Optional.empty();
        }
        Object min = null;
        Object max = null;
        for (List<Object> key : keys) {
            Object v = key.get(k);
            min = min == null || compare(v, min) < 0 ? v : min;
            max = max == null || compare(v, max) > 0 ? v : max;
        }
        Column column = new Column(names.get(k));
        return Optional.of(new Predicate(
                "AND",
                new Predicate(">=", column, literal(types[k], min)),
                new Predicate("<=", column, literal(types[k], max))));
    }

    /** The types {@link #literal} makes literals of, whose statistics order is the values' order. */
    private static boolean isRangeType(DataType type) {
        return type instanceof IntegerType
                || type instanceof LongType
                || type instanceof ShortType
                || type instanceof ByteType
                || type instanceof DateType
                || type instanceof StringType;
    }

    /** Numbers by value, strings in code point order: the order of Parquet's UTF-8 statistics, not Java's UTF-16 one. */
    private static int compare(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return Arrays.compare(x.codePoints().toArray(), y.codePoints().toArray());
        }
        return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
    }

    private static Literal literal(DataType type, Object v) {
        if (type instanceof StringType) {
            return Literal.ofString((String) v);
        } else if (type instanceof LongType) {
            return Literal.ofLong((Long) v);
        } else if (type instanceof IntegerType) {
            return Literal.ofInt((Integer) v);
        } else if (type instanceof ShortType) {
            return Literal.ofShort((Short) v);
        } else if (type instanceof ByteType) {
            return Literal.ofByte((Byte) v);
        }
        return Literal.ofDate((Integer) v);
    }

    private static Object value(ColumnVector v, DataType t, int row) {
        if (t instanceof StringType) {
            return v.getString(row);
        } else if (t instanceof LongType || t instanceof TimestampType || t instanceof TimestampNTZType) {
            return v.getLong(row);
        } else if (t instanceof IntegerType || t instanceof DateType) {
            return v.getInt(row);
        } else if (t instanceof ShortType) {
            return v.getShort(row);
        } else if (t instanceof ByteType) {
            return v.getByte(row);
        } else if (t instanceof BooleanType) {
            return v.getBoolean(row);
        } else if (t instanceof FloatType) {
            return v.getFloat(row);
        } else if (t instanceof DoubleType) {
            return v.getDouble(row);
        } else if (t instanceof DecimalType) {
            return v.getDecimal(row).stripTrailingZeros();
        }
        return ByteBuffer.wrap(v.getBinary(row));
    }
}
