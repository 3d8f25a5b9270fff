package io.deltabridge.core.vector;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.ArrayType;
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
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plain Java values for tests: lists for arrays, lists of entries for maps (order kept), lists for
 * structs, ByteBuffer for binary, Integer days / Long micros for dates / timestamps.
 */
public final class TestValues {
    private TestValues() {}

    /** Appends {@code value} (in the form above) to {@code b}. */
    public static void append(ColumnBuilder b, Object value) {
        DataType t = b.type();
        if (value == null) {
            b.appendNull();
        } else if (t instanceof BooleanType) {
            b.appendBoolean((Boolean) value);
        } else if (t instanceof ByteType) {
            b.appendByte((Byte) value);
        } else if (t instanceof ShortType) {
            b.appendShort((Short) value);
        } else if (t instanceof IntegerType) {
            b.appendInt((Integer) value);
        } else if (t instanceof DateType) {
            b.appendDate((Integer) value);
        } else if (t instanceof LongType) {
            b.appendLong((Long) value);
        } else if (t instanceof TimestampType || t instanceof TimestampNTZType) {
            b.appendTimestamp((Long) value);
        } else if (t instanceof FloatType) {
            b.appendFloat((Float) value);
        } else if (t instanceof DoubleType) {
            b.appendDouble((Double) value);
        } else if (t instanceof DecimalType) {
            b.appendDecimal((BigDecimal) value);
        } else if (t instanceof StringType) {
            b.appendString((String) value);
        } else if (t instanceof BinaryType) {
            ByteBuffer bb = ((ByteBuffer) value).duplicate();
            byte[] bytes = new byte[bb.remaining()];
            bb.get(bytes);
            b.appendBinary(bytes);
        } else if (t instanceof ArrayType) {
            b.beginArray();
            for (Object e : (List<?>) value) {
                append(b.elements(), e);
            }
            b.endArray();
        } else if (t instanceof MapType) {
            b.beginMap();
            for (Object o : (List<?>) value) {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
                append(b.keys(), e.getKey());
                append(b.values(), e.getValue());
            }
            b.endMap();
        } else if (t instanceof StructType) {
            b.beginStruct();
            List<?> fields = (List<?>) value;
            for (int i = 0; i < fields.size(); i++) {
                append(b.child(i), fields.get(i));
            }
            b.endStruct();
        } else {
            throw new IllegalArgumentException(t.toString());
        }
    }

    /** Appends one row of values to {@code builder}. */
    public static void appendRow(BatchBuilder builder, List<?> row) {
        builder.startRow();
        for (int i = 0; i < row.size(); i++) {
            append(builder.column(i), row.get(i));
        }
        builder.commitRow();
    }

    /** The value at {@code rowId} of {@code v} in the form above. */
    public static Object get(ColumnVector v, int rowId) {
        if (v.isNullAt(rowId)) {
            return null;
        }
        DataType t = v.getDataType();
        if (t instanceof BooleanType) {
            return v.getBoolean(rowId);
        } else if (t instanceof ByteType) {
            return v.getByte(rowId);
        } else if (t instanceof ShortType) {
            return v.getShort(rowId);
        } else if (t instanceof IntegerType || t instanceof DateType) {
            return v.getInt(rowId);
        } else if (t instanceof LongType || t instanceof TimestampType || t instanceof TimestampNTZType) {
            return v.getLong(rowId);
        } else if (t instanceof FloatType) {
            return v.getFloat(rowId);
        } else if (t instanceof DoubleType) {
            return v.getDouble(rowId);
        } else if (t instanceof DecimalType) {
            return v.getDecimal(rowId);
        } else if (t instanceof StringType) {
            return v.getString(rowId);
        } else if (t instanceof BinaryType) {
            return ByteBuffer.wrap(v.getBinary(rowId));
        } else if (t instanceof ArrayType) {
            ArrayValue a = v.getArray(rowId);
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < a.getSize(); i++) {
                out.add(get(a.getElements(), i));
            }
            return out;
        } else if (t instanceof MapType) {
            MapValue m = v.getMap(rowId);
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < m.getSize(); i++) {
                out.add(new AbstractMap.SimpleImmutableEntry<>(get(m.getKeys(), i), get(m.getValues(), i)));
            }
            return out;
        } else if (t instanceof StructType s) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < s.length(); i++) {
                out.add(get(v.getChild(i), rowId));
            }
            return out;
        }
        throw new IllegalArgumentException(t.toString());
    }

    /** All rows of {@code batch} as lists of values. */
    public static List<List<Object>> rows(ColumnarBatch batch) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < batch.getSize(); r++) {
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < batch.getSchema().length(); c++) {
                row.add(get(batch.getColumnVector(c), r));
            }
            rows.add(row);
        }
        return rows;
    }

    public static Map.Entry<Object, Object> entry(Object k, Object v) {
        return new AbstractMap.SimpleImmutableEntry<>(k, v);
    }
}
