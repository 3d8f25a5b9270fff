package io.deltabridge.k2d.delta;

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
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.core.vector.ColumnBuilder;

/** Copies rows of a Kernel batch into a {@link BatchBuilder} of the same schema, nested values included. */
final class RowCopy {
    private RowCopy() {}

    static void copy(ColumnarBatch from, int row, BatchBuilder to) {
        to.startRow();
        for (int c = 0; c < to.columnCount(); c++) {
            value(from.getColumnVector(c), row, to.column(c));
        }
        to.commitRow();
    }

    private static void value(ColumnVector v, int row, ColumnBuilder to) {
        if (v.isNullAt(row)) {
            to.appendNull();
            return;
        }
        DataType t = v.getDataType();
        if (t instanceof BooleanType) {
            to.appendBoolean(v.getBoolean(row));
        } else if (t instanceof ByteType) {
            to.appendByte(v.getByte(row));
        } else if (t instanceof ShortType) {
            to.appendShort(v.getShort(row));
        } else if (t instanceof IntegerType || t instanceof DateType) {
            to.appendInt(v.getInt(row));
        } else if (t instanceof LongType || t instanceof TimestampType || t instanceof TimestampNTZType) {
            to.appendLong(v.getLong(row));
        } else if (t instanceof FloatType) {
            to.appendFloat(v.getFloat(row));
        } else if (t instanceof DoubleType) {
            to.appendDouble(v.getDouble(row));
        } else if (t instanceof DecimalType) {
            to.appendDecimal(v.getDecimal(row));
        } else if (t instanceof StringType) {
            to.appendString(v.getString(row));
        } else if (t instanceof BinaryType) {
            to.appendBinary(v.getBinary(row));
        } else if (t instanceof ArrayType) {
            ArrayValue a = v.getArray(row);
            to.beginArray();
            for (int i = 0; i < a.getSize(); i++) {
                value(a.getElements(), i, to.elements());
            }
            to.endArray();
        } else if (t instanceof MapType) {
            MapValue m = v.getMap(row);
            to.beginMap();
            for (int i = 0; i < m.getSize(); i++) {
                value(m.getKeys(), i, to.keys());
                value(m.getValues(), i, to.values());
            }
            to.endMap();
        } else if (t instanceof StructType s) {
            to.beginStruct();
            for (int f = 0; f < s.length(); f++) {
                value(v.getChild(f), row, to.child(f));
            }
            to.endStruct();
        } else {
            throw new IllegalStateException("cannot copy a value of type " + t);
        }
    }
}
