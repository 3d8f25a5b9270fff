package io.deltabridge.core.codec.json;

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
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.deltabridge.core.codec.Utf8Buffer;
import io.deltabridge.core.error.Problem;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes one non-null value of a vector as JSON (SPEC §7). A tree of these is built once per
 * schema; writing a row is then a walk of that tree with no type dispatch by name.
 */
abstract class JsonValueWriter {
    static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NAN = "\"NaN\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INFINITY = "\"Infinity\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MINUS_INFINITY = "\"-Infinity\"".getBytes(StandardCharsets.US_ASCII);

    /** Writes the value at {@code rowId}, which the caller has checked is not null. */
    abstract void write(ColumnVector v, int rowId, Utf8Buffer out);

    /** Writes the value at {@code rowId} or {@code null}. */
    final void writeNullable(ColumnVector v, int rowId, Utf8Buffer out) {
        if (v.isNullAt(rowId)) {
            out.writeBytes(NULL);
        } else {
            write(v, rowId, out);
        }
    }

    static JsonValueWriter forType(DataType type) {
        if (type instanceof BooleanType) {
            return new JsonValueWriter() {
                @Override
                void write(ColumnVector v, int rowId, Utf8Buffer out) {
                    out.writeBytes(v.getBoolean(rowId) ? TRUE : FALSE);
                }
            };
        } else if (type instanceof ByteType) {
            return new JsonValueWriter() {
                @Override
                void write(ColumnVector v, int rowId, Utf8Buffer out) {
                    out.writeInt(v.getByte(rowId));
                }
            };
        } else if (type instanceof ShortType) {
            return new JsonValueWriter() {
                @Override
                void write(ColumnVector v, int rowId, Utf8Buffer out) {
                    out.writeInt(v.getShort(rowId));
                }
            };
        } else if (type instanceof IntegerType) {
            return new JsonValueWriter() {
                @Override
                void write(ColumnVector v, int rowId, Utf8Buffer out) {
                    out.writeInt(v.getInt(rowId));
                }
            };
        } else if (type instanceof LongType) {
            return new JsonValueWriter() {
                @Override
                void write(ColumnVector v, int rowId, Utf8Buffer out) {
                    out.writeLong(v.getLong(rowId));
                }
            };
        } else if (type instanceof FloatType) {
            return new JsonValueWriter() {
                @Override
                void write(ColumnVector v, int rowId, Utf8Buffer out) {
                    float f = v.getFloat(rowId);
                    if (Float.isFinite(f)) {
                        out.writeFloat(f);
                    } else {
                        writeNonFinite(f, out);
                    }
                }
            };
        } else if (type instanceof DoubleType) {
            return new JsonValueWriter() {
                @Override
                void write(ColumnVector v, int rowId, Utf8Buffer out) {
                    double d = v.getDouble(rowId);
                    if (Double.isFinite(d)) {
                        out.writeDouble(d);
                    } else {
                        writeNonFinite(d, out);
                    }
                }
            };
        } else if (type instanceof DecimalType dt) {
            int scale = dt.getScale();
            return new JsonValueWriter() {
                @Override
                void write(ColumnVector v, int rowId, Utf8Buffer out) {
                    out.writeByte('"');
                    out.writeDecimal(v.getDecimal(rowId), scale);
                    out.writeByte('"');
                }
            };
        } else if (type instanceof StringType) {
            return new JsonValueWriter() {
                @Override
                void write(ColumnVector v, int rowId, Utf8Buffer out) {
                    JsonStrings.writeString(out, v, rowId);
                }
            };
        } else if (type instanceof BinaryType) {
            return new JsonValueWriter() {
                @Override
                void write(ColumnVector v, int rowId, Utf8Buffer out) {
                    out.writeByte('"');
                    out.writeBase64(v.getBinary(rowId));
                    out.writeByte('"');
                }
            };
        } else if (type instanceof DateType) {
            return new JsonValueWriter() {
                @Override
                void write(ColumnVector v, int rowId, Utf8Buffer out) {
                    out.writeByte('"');
                    out.writeDate(v.getInt(rowId));
                    out.writeByte('"');
                }
            };
        } else if (type instanceof TimestampType || type instanceof TimestampNTZType) {
            boolean utc = type instanceof TimestampType;
            return new JsonValueWriter() {
                @Override
                void write(ColumnVector v, int rowId, Utf8Buffer out) {
                    out.writeByte('"');
                    out.writeTimestamp(v.getLong(rowId), utc);
                    out.writeByte('"');
                }
            };
        } else if (type instanceof ArrayType at) {
            return new ArrayWriter(forType(at.getElementType()));
        } else if (type instanceof MapType mt) {
            JsonValueWriter values = forType(mt.getValueType());
            return mt.getKeyType() instanceof StringType
                    ? new StringKeyMapWriter(values)
                    : new EntryMapWriter(forType(mt.getKeyType()), values);
        } else if (type instanceof StructType st) {
            return new StructWriter(st);
        }
        throw Problem.of("Column type %s cannot be written as JSON", type)
                .because("deltabridge writes the standard Delta types only")
                .fix("leave this column out of the mapping's columns")
                .config();
    }

    static void writeNonFinite(double d, Utf8Buffer out) {
        out.writeBytes(Double.isNaN(d) ? NAN : d > 0 ? INFINITY : MINUS_INFINITY);
    }

    private static final class ArrayWriter extends JsonValueWriter {
        private final JsonValueWriter elements;

        ArrayWriter(JsonValueWriter elements) {
            this.elements = elements;
        }

        @Override
        void write(ColumnVector v, int rowId, Utf8Buffer out) {
            ArrayValue array = v.getArray(rowId);
            ColumnVector values = array.getElements();
            int n = array.getSize();
            out.writeByte('[');
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    out.writeByte(',');
                }
                elements.writeNullable(values, i, out);
            }
            out.writeByte(']');
        }
    }

    /** A map with STRING keys: a JSON object, entries in the map's order. */
    private static final class StringKeyMapWriter extends JsonValueWriter {
        private final JsonValueWriter values;

        StringKeyMapWriter(JsonValueWriter values) {
            this.values = values;
        }

        @Override
        void write(ColumnVector v, int rowId, Utf8Buffer out) {
            MapValue map = v.getMap(rowId);
            ColumnVector keys = map.getKeys();
            ColumnVector vals = map.getValues();
            int n = map.getSize();
            out.writeByte('{');
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    out.writeByte(',');
                }
                JsonStrings.writeString(out, keys, i);
                out.writeByte(':');
                values.writeNullable(vals, i, out);
            }
            out.writeByte('}');
        }
    }

    /** A map with other keys: an array of {@code {"key":…,"value":…}}. */
    private static final class EntryMapWriter extends JsonValueWriter {
        private static final byte[] KEY = "{\"key\":".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] VALUE = ",\"value\":".getBytes(StandardCharsets.US_ASCII);
        private final JsonValueWriter keys;
        private final JsonValueWriter values;

        EntryMapWriter(JsonValueWriter keys, JsonValueWriter values) {
            this.keys = keys;
            this.values = values;
        }

        @Override
        void write(ColumnVector v, int rowId, Utf8Buffer out) {
            MapValue map = v.getMap(rowId);
            ColumnVector ks = map.getKeys();
            ColumnVector vs = map.getValues();
            int n = map.getSize();
            out.writeByte('[');
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    out.writeByte(',');
                }
                out.writeBytes(KEY);
                keys.writeNullable(ks, i, out);
                out.writeBytes(VALUE);
                values.writeNullable(vs, i, out);
                out.writeByte('}');
            }
            out.writeByte(']');
        }
    }

    /** A struct: an object with the fields in schema order. */
    static final class StructWriter extends JsonValueWriter {
        private final byte[][] prefixes;
        private final JsonValueWriter[] fields;

        StructWriter(StructType type) {
            List<StructField> fs = type.fields();
            prefixes = new byte[fs.size()][];
            fields = new JsonValueWriter[fs.size()];
            for (int i = 0; i < fields.length; i++) {
                prefixes[i] = JsonStrings.fieldNamePrefix(fs.get(i).getName(), i == 0);
                fields[i] = forType(fs.get(i).getDataType());
            }
        }

        @Override
        void write(ColumnVector v, int rowId, Utf8Buffer out) {
            if (fields.length == 0) {
                out.writeByte('{');
            }
            for (int i = 0; i < fields.length; i++) {
                out.writeBytes(prefixes[i]);
                fields[i].writeNullable(v.getChild(i), rowId, out);
            }
            out.writeByte('}');
        }
    }
}
