package io.deltabridge.core.codec.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
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
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.vector.ColumnBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Base64;

/**
 * Reads one JSON value from a streaming parser into a {@link ColumnBuilder} (SPEC §7). A tree of
 * these is built once per target schema.
 */
abstract class JsonValueReader {
    final DataType type;

    JsonValueReader(DataType type) {
        this.type = type;
    }

    /** Reads the value whose first token {@code t} (never VALUE_NULL) the parser is on. */
    abstract void read(JsonParser p, JsonToken t, ColumnBuilder b) throws IOException;

    final void readNullable(JsonParser p, JsonToken t, ColumnBuilder b) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            b.appendNull();
        } else {
            read(p, t, b);
        }
    }

    final DataException mismatch(ColumnBuilder b, JsonToken t) {
        return Problem.of(
                        "Field '%s' expects %s but the record has a JSON %s",
                        b.path(), JsonTypes.describe(type), JsonTypes.jsonType(t))
                .because("the record does not match the table schema")
                .fix(
                        "send %s for '%s' (see the JSON encodings in the documentation), or change the column type",
                        JsonTypes.expectedJson(type), b.path())
                .data();
    }

    final DataException badValue(ColumnBuilder b, String value, String reason) {
        return Problem.of("Field '%s' expects %s but the record has \"%s\"", b.path(), JsonTypes.describe(type), value)
                .because(reason)
                .fix("send %s for '%s'", JsonTypes.expectedJson(type), b.path())
                .data();
    }

    static JsonValueReader forType(DataType type, Rescue rescue) {
        if (type instanceof BooleanType) {
            return new JsonValueReader(type) {
                @Override
                void read(JsonParser p, JsonToken t, ColumnBuilder b) {
                    if (t == JsonToken.VALUE_TRUE) {
                        b.appendBoolean(true);
                    } else if (t == JsonToken.VALUE_FALSE) {
                        b.appendBoolean(false);
                    } else {
                        throw mismatch(b, t);
                    }
                }
            };
        } else if (type instanceof ByteType) {
            return new IntegralReader(type, Byte.MIN_VALUE, Byte.MAX_VALUE) {
                @Override
                void append(ColumnBuilder b, long v) {
                    b.appendByte((byte) v);
                }
            };
        } else if (type instanceof ShortType) {
            return new IntegralReader(type, Short.MIN_VALUE, Short.MAX_VALUE) {
                @Override
                void append(ColumnBuilder b, long v) {
                    b.appendShort((short) v);
                }
            };
        } else if (type instanceof IntegerType) {
            return new IntegralReader(type, Integer.MIN_VALUE, Integer.MAX_VALUE) {
                @Override
                void append(ColumnBuilder b, long v) {
                    b.appendInt((int) v);
                }
            };
        } else if (type instanceof LongType) {
            return new IntegralReader(type, Long.MIN_VALUE, Long.MAX_VALUE) {
                @Override
                void append(ColumnBuilder b, long v) {
                    b.appendLong(v);
                }
            };
        } else if (type instanceof FloatType || type instanceof DoubleType) {
            return new FloatingReader(type);
        } else if (type instanceof DecimalType) {
            return new JsonValueReader(type) {
                @Override
                void read(JsonParser p, JsonToken t, ColumnBuilder b) throws IOException {
                    if (t == JsonToken.VALUE_STRING) {
                        BigDecimal d;
                        try {
                            d = new BigDecimal(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                        } catch (NumberFormatException e) {
                            throw badValue(b, p.getText(), "it is not a decimal number");
                        }
                        b.appendDecimal(d);
                    } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                        b.appendDecimal(p.getDecimalValue());
                    } else {
                        throw mismatch(b, t);
                    }
                }
            };
        } else if (type instanceof StringType) {
            return new JsonValueReader(type) {
                @Override
                void read(JsonParser p, JsonToken t, ColumnBuilder b) throws IOException {
                    if (t != JsonToken.VALUE_STRING) {
                        throw mismatch(b, t);
                    }
                    JsonText.require(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    b.appendString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                }
            };
        } else if (type instanceof BinaryType) {
            return new JsonValueReader(type) {
                @Override
                void read(JsonParser p, JsonToken t, ColumnBuilder b) throws IOException {
                    if (t != JsonToken.VALUE_STRING) {
                        throw mismatch(b, t);
                    }
                    String text = p.getText();
                    byte[] bytes;
                    try {
                        bytes = Base64.getDecoder().decode(text);
                    } catch (IllegalArgumentException e) {
                        throw badValue(b, text, "it is not standard base64");
                    }
                    b.appendBinary(bytes);
                }
            };
        } else if (type instanceof DateType) {
            return new JsonValueReader(type) {
                @Override
                void read(JsonParser p, JsonToken t, ColumnBuilder b) throws IOException {
                    if (t != JsonToken.VALUE_STRING) {
                        throw mismatch(b, t);
                    }
                    long days = TemporalText.parseDate(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    if (days == TemporalText.INVALID || days != (int) days) {
                        throw badValue(b, p.getText(), "it is not a date in the form yyyy-MM-dd");
                    }
                    b.appendDate((int) days);
                }
            };
        } else if (type instanceof TimestampType || type instanceof TimestampNTZType) {
            boolean utc = type instanceof TimestampType;
            return new JsonValueReader(type) {
                @Override
                void read(JsonParser p, JsonToken t, ColumnBuilder b) throws IOException {
                    if (t != JsonToken.VALUE_STRING) {
                        throw mismatch(b, t);
                    }
                    long micros = TemporalText.parseTimestamp(
                            p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), utc);
                    if (micros == TemporalText.INVALID) {
                        throw badValue(
                                b,
                                p.getText(),
                                utc
                                        ? "it is not a timestamp in the form yyyy-MM-ddTHH:mm:ss[.ffffff](Z|+hh:mm)"
                                        : "it is not a timestamp without time zone in the form yyyy-MM-ddTHH:mm:ss[.ffffff]");
                    }
                    b.appendTimestamp(micros);
                }
            };
        } else if (type instanceof ArrayType at) {
            return new ArrayReader(at, forType(at.getElementType(), rescue));
        } else if (type instanceof MapType mt) {
            JsonValueReader values = forType(mt.getValueType(), rescue);
            return mt.getKeyType() instanceof StringType
                    ? new StringKeyMapReader(mt, values)
                    : new EntryMapReader(mt, forType(mt.getKeyType(), rescue), values);
        } else if (type instanceof StructType st) {
            return new StructReader(st, rescue);
        }
        throw Problem.of("Column type %s cannot be read from JSON", type)
                .because("deltabridge reads the standard Delta types only")
                .fix("change the column's type")
                .config();
    }

    /** TINYINT to BIGINT: JSON integers in range. */
    private abstract static class IntegralReader extends JsonValueReader {
        private final long min;
        private final long max;

        IntegralReader(DataType type, long min, long max) {
            super(type);
            this.min = min;
            this.max = max;
        }

        abstract void append(ColumnBuilder b, long v);

        @Override
        final void read(JsonParser p, JsonToken t, ColumnBuilder b) throws IOException {
            if (t != JsonToken.VALUE_NUMBER_INT) {
                throw mismatch(b, t);
            }
            long v;
            try {
                v = p.getLongValue();
            } catch (InputCoercionException e) {
                throw badValue(b, p.getText(), "it is out of range");
            }
            if (v < min || v > max) {
                throw badValue(b, p.getText(), "it is out of range [" + min + ", " + max + "]");
            }
            append(b, v);
        }
    }

    /** FLOAT and DOUBLE: JSON numbers, and strings holding "NaN", "Infinity", "-Infinity" or a number. */
    private static final class FloatingReader extends JsonValueReader {
        private final boolean isFloat;

        FloatingReader(DataType type) {
            super(type);
            this.isFloat = type instanceof FloatType;
        }

        @Override
        void read(JsonParser p, JsonToken t, ColumnBuilder b) throws IOException {
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                if (isFloat) {
                    // parse the text as a float directly: rounding via double can differ
                    b.appendFloat(p.isNaN() ? p.getFloatValue() : Float.parseFloat(p.getText()));
                } else {
                    b.appendDouble(p.getDoubleValue());
                }
            } else if (t == JsonToken.VALUE_STRING) {
                String s = p.getText();
                double d;
                try {
                    d = switch (s) {
                        case "NaN" -> Double.NaN;
                        case "Infinity", "+Infinity" -> Double.POSITIVE_INFINITY;
                        case "-Infinity" -> Double.NEGATIVE_INFINITY;
                        default -> isFloat ? Float.parseFloat(s) : Double.parseDouble(s);
                    };
                } catch (NumberFormatException e) {
                    throw badValue(b, s, "it is neither a number nor NaN, Infinity or -Infinity");
                }
                if (isFloat) {
                    b.appendFloat((float) d);
                } else {
                    b.appendDouble(d);
                }
            } else {
                throw mismatch(b, t);
            }
        }
    }

    private static final class ArrayReader extends JsonValueReader {
        private final JsonValueReader elements;

        ArrayReader(ArrayType type, JsonValueReader elements) {
            super(type);
            this.elements = elements;
        }

        @Override
        void read(JsonParser p, JsonToken t, ColumnBuilder b) throws IOException {
            if (t != JsonToken.START_ARRAY) {
                throw mismatch(b, t);
            }
            ColumnBuilder e = b.elements();
            b.beginArray();
            JsonToken next;
            while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                elements.readNullable(p, next, e);
            }
            b.endArray();
        }
    }

    /** MAP with STRING keys: a JSON object. */
    private static final class StringKeyMapReader extends JsonValueReader {
        private final JsonValueReader values;

        StringKeyMapReader(MapType type, JsonValueReader values) {
            super(type);
            this.values = values;
        }

        @Override
        void read(JsonParser p, JsonToken t, ColumnBuilder b) throws IOException {
            if (t != JsonToken.START_OBJECT) {
                throw mismatch(b, t);
            }
            ColumnBuilder keys = b.keys();
            ColumnBuilder vals = b.values();
            b.beginMap();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                JsonText.require(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                keys.appendString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                values.readNullable(p, p.nextToken(), vals);
            }
            b.endMap();
        }
    }

    /** MAP with other keys: an array of {"key": k, "value": v}. */
    private static final class EntryMapReader extends JsonValueReader {
        private final JsonValueReader keys;
        private final JsonValueReader values;

        EntryMapReader(MapType type, JsonValueReader keys, JsonValueReader values) {
            super(type);
            this.keys = keys;
            this.values = values;
        }

        @Override
        void read(JsonParser p, JsonToken t, ColumnBuilder b) throws IOException {
            if (t != JsonToken.START_ARRAY) {
                throw mismatch(b, t);
            }
            ColumnBuilder ks = b.keys();
            ColumnBuilder vs = b.values();
            b.beginMap();
            JsonToken entry;
            while ((entry = p.nextToken()) != JsonToken.END_ARRAY) {
                if (entry != JsonToken.START_OBJECT) {
                    throw entryExpected(b, JsonTypes.jsonType(entry));
                }
                int index = ks.size();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if ("key".equals(name) && ks.size() == index) {
                        keys.readNullable(p, v, ks);
                    } else if ("value".equals(name) && vs.size() == index) {
                        values.readNullable(p, v, vs);
                    } else {
                        throw entryExpected(b, "an object with field '" + name + "'");
                    }
                }
                if (ks.size() == index) {
                    throw entryExpected(b, "an entry without \"key\"");
                }
                if (vs.size() == index) {
                    vs.appendNull();
                }
            }
            b.endMap();
        }

        private DataException entryExpected(ColumnBuilder b, String found) {
            return Problem.of(
                            "Field '%s' expects %s as an array of {\"key\": ..., \"value\": ...} objects but the record has %s",
                            b.path(), JsonTypes.describe(type), found)
                    .because("a map whose keys are not strings is encoded as a list of entries")
                    .fix("send [{\"key\": k, \"value\": v}, ...] for '%s'", b.path())
                    .data();
        }
    }
}
