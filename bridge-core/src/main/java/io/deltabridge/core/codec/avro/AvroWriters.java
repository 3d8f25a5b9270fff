package io.deltabridge.core.codec.avro;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
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
import io.deltabridge.core.codec.Utf8Buffer;
import io.deltabridge.core.error.Problem;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Builds, once per schema, the tree of {@link ValueWriter}s that writes Kernel column values as Avro
 * binary for a given Avro schema (the one {@link io.deltabridge.core.schema.avro.AvroSchemas#toAvro}
 * derives from the Delta type): all type decisions happen here, none per row.
 */
final class AvroWriters {
    private AvroWriters() {}

    /** Writes the value at one row of a vector. */
    interface ValueWriter {
        void write(ColumnVector vector, int rowId, Utf8Buffer out);
    }

    static ValueWriter forType(DataType type, Schema avro, String path) {
        if (avro.getType() == Schema.Type.UNION) {
            return nullable(type, avro, path);
        }
        ValueWriter value = nonNull(type, avro, path);
        return (vector, rowId, out) -> {
            if (vector.isNullAt(rowId)) {
                throw Problem.of("Null value in '%s', which the Avro schema does not allow to be null", path)
                        .because("the Avro type of '%s' is %s, not a union with null", path, avro)
                        .fix("make the column nullable in the table, or register a schema where it is nullable")
                        .data();
            }
            value.write(vector, rowId, out);
        };
    }

    private static ValueWriter nullable(DataType type, Schema union, String path) {
        List<Schema> branches = union.getTypes();
        int nullBranch = -1;
        int valueBranch = -1;
        for (int i = 0; i < branches.size(); i++) {
            if (branches.get(i).getType() == Schema.Type.NULL) {
                nullBranch = i;
            } else if (valueBranch < 0) {
                valueBranch = i;
            } else {
                throw mismatch(type, union, path);
            }
        }
        if (nullBranch < 0 || valueBranch < 0) {
            throw mismatch(type, union, path);
        }
        ValueWriter value = nonNull(type, branches.get(valueBranch), path);
        int nullIndex = nullBranch;
        int valueIndex = valueBranch;
        return (vector, rowId, out) -> {
            if (vector.isNullAt(rowId)) {
                AvroBinary.writeIndex(out, nullIndex);
            } else {
                AvroBinary.writeIndex(out, valueIndex);
                value.write(vector, rowId, out);
            }
        };
    }

    private static ValueWriter nonNull(DataType type, Schema avro, String path) {
        Schema.Type t = avro.getType();
        if (type instanceof BooleanType && t == Schema.Type.BOOLEAN) {
            return (v, r, out) -> AvroBinary.writeBoolean(out, v.getBoolean(r));
        } else if (type instanceof ByteType && t == Schema.Type.INT) {
            return (v, r, out) -> AvroBinary.writeInt(out, v.getByte(r));
        } else if (type instanceof ShortType && t == Schema.Type.INT) {
            return (v, r, out) -> AvroBinary.writeInt(out, v.getShort(r));
        } else if ((type instanceof IntegerType || type instanceof DateType) && t == Schema.Type.INT) {
            return (v, r, out) -> AvroBinary.writeInt(out, v.getInt(r));
        } else if ((type instanceof LongType || type instanceof TimestampType || type instanceof TimestampNTZType)
                && t == Schema.Type.LONG) {
            return (v, r, out) -> AvroBinary.writeLong(out, v.getLong(r));
        } else if (type instanceof FloatType && t == Schema.Type.FLOAT) {
            return (v, r, out) -> AvroBinary.writeFloat(out, v.getFloat(r));
        } else if (type instanceof DoubleType && t == Schema.Type.DOUBLE) {
            return (v, r, out) -> AvroBinary.writeDouble(out, v.getDouble(r));
        } else if (type instanceof DecimalType d && t == Schema.Type.BYTES) {
            int scale = d.getScale();
            return (v, r, out) -> AvroBinary.writeDecimal(out, v.getDecimal(r), scale);
        } else if (type instanceof StringType && t == Schema.Type.STRING) {
            return (v, r, out) -> AvroBinary.writeString(out, v.getString(r));
        } else if (type instanceof BinaryType && t == Schema.Type.BYTES) {
            return (v, r, out) -> AvroBinary.writeBytes(out, v.getBinary(r));
        } else if (type instanceof ArrayType a && t == Schema.Type.ARRAY) {
            return array(a, avro, path);
        } else if (type instanceof MapType m && t == Schema.Type.MAP && m.getKeyType() instanceof StringType) {
            return stringMap(m, avro, path);
        } else if (type instanceof MapType m
                && t == Schema.Type.ARRAY
                && avro.getElementType().getType() == Schema.Type.RECORD) {
            return entryArray(m, avro.getElementType(), path);
        } else if (type instanceof StructType s && t == Schema.Type.RECORD) {
            ValueWriter[] fields = structFields(s, avro, path);
            return (v, r, out) -> {
                for (int i = 0; i < fields.length; i++) {
                    fields[i].write(v.getChild(i), r, out);
                }
            };
        }
        return widened(type, t).orElseThrow(() -> mismatch(type, avro, path));
    }

    /**
     * Avro's numeric promotions (int to long or double, long and float to double): a registered schema that
     * widens a column is backward compatible, so rows are written with it ({@code use.latest.version}).
     */
    private static Optional<ValueWriter> widened(DataType type, Schema.Type t) {
        if (type instanceof IntegerType && t == Schema.Type.LONG) {
            return Optional.of((v, r, out) -> AvroBinary.writeLong(out, v.getInt(r)));
        } else if (type instanceof IntegerType && t == Schema.Type.DOUBLE) {
            return Optional.of((v, r, out) -> AvroBinary.writeDouble(out, v.getInt(r)));
        } else if (type instanceof LongType && t == Schema.Type.DOUBLE) {
            return Optional.of((v, r, out) -> AvroBinary.writeDouble(out, v.getLong(r)));
        } else if (type instanceof FloatType && t == Schema.Type.DOUBLE) {
            return Optional.of((v, r, out) -> AvroBinary.writeDouble(out, v.getFloat(r)));
        }
        return Optional.empty();
    }

    /** One writer per field of {@code struct}, matched by position with the record's fields. */
    static ValueWriter[] structFields(StructType struct, Schema record, String path) {
        List<Schema.Field> fields = record.getFields();
        if (fields.size() != struct.length()) {
            throw mismatch(struct, record, path);
        }
        ValueWriter[] writers = new ValueWriter[fields.size()];
        for (int i = 0; i < writers.length; i++) {
            String name = struct.at(i).getName();
            writers[i] = forType(
                    struct.at(i).getDataType(), fields.get(i).schema(), path.isEmpty() ? name : path + "." + name);
        }
        return writers;
    }

    private static ValueWriter array(ArrayType type, Schema avro, String path) {
        ValueWriter element = forType(type.getElementType(), avro.getElementType(), path + "[]");
        return (v, r, out) -> {
            ArrayValue array = v.getArray(r);
            int n = array.getSize();
            if (n > 0) {
                AvroBinary.writeLong(out, n);
                ColumnVector elements = array.getElements();
                for (int i = 0; i < n; i++) {
                    element.write(elements, i, out);
                }
            }
            AvroBinary.writeLong(out, 0);
        };
    }

    private static ValueWriter stringMap(MapType type, Schema avro, String path) {
        ValueWriter value = forType(type.getValueType(), avro.getValueType(), path + "{value}");
        return (v, r, out) -> {
            MapValue map = v.getMap(r);
            int n = map.getSize();
            if (n > 0) {
                AvroBinary.writeLong(out, n);
                ColumnVector keys = map.getKeys();
                ColumnVector values = map.getValues();
                for (int i = 0; i < n; i++) {
                    AvroBinary.writeString(out, keys.getString(i));
                    value.write(values, i, out);
                }
            }
            AvroBinary.writeLong(out, 0);
        };
    }

    /** A map with non-string keys as an array of {@code {key, value}} records. */
    private static ValueWriter entryArray(MapType type, Schema entry, String path) {
        Schema.Field keyField = entry.getField("key");
        Schema.Field valueField = entry.getField("value");
        if (keyField == null || valueField == null || entry.getFields().size() != 2) {
            throw mismatch(type, entry, path);
        }
        ValueWriter key = forType(type.getKeyType(), keyField.schema(), path + "{key}");
        ValueWriter value = forType(type.getValueType(), valueField.schema(), path + "{value}");
        boolean keyFirst = keyField.pos() == 0;
        return (v, r, out) -> {
            MapValue map = v.getMap(r);
            int n = map.getSize();
            if (n > 0) {
                AvroBinary.writeLong(out, n);
                ColumnVector keys = map.getKeys();
                ColumnVector values = map.getValues();
                for (int i = 0; i < n; i++) {
                    (keyFirst ? key : value).write(keyFirst ? keys : values, i, out);
                    (keyFirst ? value : key).write(keyFirst ? values : keys, i, out);
                }
            }
            AvroBinary.writeLong(out, 0);
        };
    }

    private static RuntimeException mismatch(DataType type, Schema avro, String path) {
        return Problem.of("Cannot write column '%s' of type %s as Avro %s", path, type, avro)
                .because("the Avro schema does not follow the Delta → Avro mapping for this column")
                .fix("derive the Avro schema from the table schema (AvroSchemas.toAvro)")
                .config();
    }
}
