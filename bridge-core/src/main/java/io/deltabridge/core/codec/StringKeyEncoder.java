package io.deltabridge.core.codec;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.BinaryType;
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
import io.deltabridge.core.error.Problem;

/**
 * {@code key-format: string}: the single key column's value as UTF-8 text, in the SPEC §7 form
 * without JSON quotes ({@code 12345}, {@code Zürich}, {@code 12.50}, {@code 2024-01-31},
 * {@code 2024-01-31T10:00:00.000000Z}, {@code NaN}, base64 for binary). A null key encodes as
 * {@code null} (a record without key). Only primitive columns can be string keys. Not thread-safe.
 */
public final class StringKeyEncoder implements RowEncoder {
    private enum Kind {
        BOOLEAN,
        BYTE,
        SHORT,
        INT,
        LONG,
        FLOAT,
        DOUBLE,
        DECIMAL,
        STRING,
        BINARY,
        DATE,
        TIMESTAMP,
        TIMESTAMP_NTZ
    }

    private final int ordinal;
    private final Kind kind;
    private final int scale;
    private final Utf8Buffer buffer = new Utf8Buffer(64);

    /** Encodes the column at {@code keyOrdinal} of {@code schema} (the batches' schema). */
    public StringKeyEncoder(StructType schema, int keyOrdinal) {
        StructField field = schema.at(keyOrdinal);
        this.ordinal = keyOrdinal;
        this.kind = kindOf(field);
        this.scale = field.getDataType() instanceof DecimalType d ? d.getScale() : 0;
    }

    private static Kind kindOf(StructField field) {
        DataType t = field.getDataType();
        if (t instanceof BooleanType) {
            return Kind.BOOLEAN;
        } else if (t instanceof ByteType) {
            return Kind.BYTE;
        } else if (t instanceof ShortType) {
            return Kind.SHORT;
        } else if (t instanceof IntegerType) {
            return Kind.INT;
        } else if (t instanceof LongType) {
            return Kind.LONG;
        } else if (t instanceof FloatType) {
            return Kind.FLOAT;
        } else if (t instanceof DoubleType) {
            return Kind.DOUBLE;
        } else if (t instanceof DecimalType) {
            return Kind.DECIMAL;
        } else if (t instanceof StringType) {
            return Kind.STRING;
        } else if (t instanceof BinaryType) {
            return Kind.BINARY;
        } else if (t instanceof DateType) {
            return Kind.DATE;
        } else if (t instanceof TimestampType) {
            return Kind.TIMESTAMP;
        } else if (t instanceof TimestampNTZType) {
            return Kind.TIMESTAMP_NTZ;
        }
        throw Problem.of("Key column '%s' of type %s cannot be a string key", field.getName(), t)
                .because("key-format: string writes one value of a primitive type as text")
                .fix("use key-format: json (or avro) for this key")
                .config();
    }

    @Override
    public byte[] encode(ColumnarBatch batch, int rowId) {
        ColumnVector v = batch.getColumnVector(ordinal);
        if (v.isNullAt(rowId)) {
            return null;
        }
        Utf8Buffer out = buffer;
        out.reset();
        switch (kind) {
            case BOOLEAN -> out.writeUtf8(v.getBoolean(rowId) ? "true" : "false");
            case BYTE -> out.writeInt(v.getByte(rowId));
            case SHORT -> out.writeInt(v.getShort(rowId));
            case INT -> out.writeInt(v.getInt(rowId));
            case LONG -> out.writeLong(v.getLong(rowId));
            case FLOAT -> out.writeFloat(v.getFloat(rowId));
            case DOUBLE -> out.writeDouble(v.getDouble(rowId));
            case DECIMAL -> out.writeDecimal(v.getDecimal(rowId), scale);
            case STRING -> {
                byte[] utf8 = KernelStrings.utf8(v, rowId);
                if (utf8 != null) {
                    out.writeBytes(utf8);
                } else {
                    out.writeUtf8(v.getString(rowId));
                }
            }
            case BINARY -> out.writeBase64(v.getBinary(rowId));
            case DATE -> out.writeDate(v.getInt(rowId));
            case TIMESTAMP -> out.writeTimestamp(v.getLong(rowId), true);
            case TIMESTAMP_NTZ -> out.writeTimestamp(v.getLong(rowId), false);
        }
        return out.toByteArray();
    }
}
