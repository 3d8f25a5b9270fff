package io.deltabridge.core.codec.avro;

import io.deltabridge.core.codec.RowDecoder;
import io.deltabridge.core.codec.Utf8Buffer;
import io.deltabridge.core.codec.json.JsonStrings;
import io.deltabridge.core.error.Problem;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.util.Utf8;

/**
 * Collects the fields of one record that the table does not have as the JSON object
 * {@code {"path": value, ...}} for the {@code _rescued_data} column (values in the JSON encoding of
 * SPEC §7), or rejects them when the table has no such column. A field whose value is null carries
 * nothing and is neither kept nor an error. Rare path: it walks the writer schema per value.
 */
final class AvroRescue {
    /** Deepest nesting kept (Jackson's default limit for JSON). */
    static final int MAX_DEPTH = 1000;

    private final boolean enabled;
    private final Utf8Buffer out = new Utf8Buffer(128);
    private Utf8 text = new Utf8();
    private ByteBuffer bytes;

    AvroRescue(boolean enabled) {
        this.enabled = enabled;
    }

    void clear() {
        out.reset();
    }

    boolean isEmpty() {
        return out.size() == 0;
    }

    /** The collected object; its bytes are {@code array()[0, size())}. */
    Utf8Buffer finish() {
        out.writeByte('}');
        return out;
    }

    /** Takes the value of field {@code path}, written with {@code schema}, from {@code in}. */
    void capture(String path, Schema schema, BinaryDecoder in) throws IOException {
        Schema type = schema;
        if (type.getType() == Schema.Type.UNION) {
            type = type.getTypes().get(in.readIndex());
        }
        if (type.getType() == Schema.Type.NULL) {
            return;
        }
        if (!enabled) {
            throw Problem.of("Field '%s' is not a column of the table", path)
                    .because("the table has no %s column to keep unknown fields in", RowDecoder.RESCUED_DATA_COLUMN)
                    .fix(
                            "add the column '%s' to the table, or a STRING column %s (created by default with create: true)",
                            path, RowDecoder.RESCUED_DATA_COLUMN)
                    .data();
        }
        out.writeByte(out.size() == 0 ? '{' : ',');
        JsonStrings.writeString(out, path);
        out.writeByte(':');
        writeJson(type, in, 0);
    }

    private void writeJson(Schema schema, BinaryDecoder in, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            // a recursive schema nests as deep as the data says: bound it like Jackson bounds JSON
            throw Problem.of("Record has a value nested more than %d levels deep", MAX_DEPTH)
                    .because("such nesting is not kept in %s", RowDecoder.RESCUED_DATA_COLUMN)
                    .fix("flatten the producer's data, or add the field as a column to the table")
                    .data();
        }
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case NULL -> {
                in.readNull();
                out.writeUtf8("null");
            }
            case BOOLEAN -> out.writeUtf8(in.readBoolean() ? "true" : "false");
            case INT -> {
                int v = in.readInt();
                if (logical instanceof LogicalTypes.Date) {
                    quoted(() -> out.writeDate(v));
                } else {
                    out.writeInt(v);
                }
            }
            case LONG -> writeLong(in.readLong(), logical);
            case FLOAT -> writeFloating(in.readFloat());
            case DOUBLE -> writeFloating(in.readDouble());
            case STRING -> {
                text = BoundedReads.readString(in, text);
                JsonStrings.writeString(out, text.toString());
            }
            case BYTES -> {
                bytes = BoundedReads.readBytes(in, bytes);
                byte[] value = new byte[bytes.remaining()];
                bytes.get(value);
                writeBinary(value, logical);
            }
            case FIXED -> {
                byte[] value = new byte[schema.getFixedSize()];
                in.readFixed(value);
                writeBinary(value, logical);
            }
            case ENUM -> JsonStrings.writeString(out, schema.getEnumSymbols().get(in.readEnum()));
            case ARRAY -> {
                out.writeByte('[');
                boolean first = true;
                boolean empty = BoundedReads.mayBeEmpty(schema.getElementType());
                for (long n = BoundedReads.blockCount(in, empty); n != 0; n = BoundedReads.blockCount(in, empty)) {
                    for (long i = 0; i < n; i++) {
                        if (!first) {
                            out.writeByte(',');
                        }
                        first = false;
                        writeJson(schema.getElementType(), in, depth + 1);
                    }
                }
                out.writeByte(']');
            }
            case MAP -> {
                out.writeByte('{');
                boolean first = true;
                for (long n = BoundedReads.blockCount(in, false); n != 0; n = BoundedReads.blockCount(in, false)) {
                    for (long i = 0; i < n; i++) {
                        if (!first) {
                            out.writeByte(',');
                        }
                        first = false;
                        text = BoundedReads.readString(in, text);
                        JsonStrings.writeString(out, text.toString());
                        out.writeByte(':');
                        writeJson(schema.getValueType(), in, depth + 1);
                    }
                }
                out.writeByte('}');
            }
            case RECORD -> {
                out.writeByte('{');
                List<Schema.Field> fields = schema.getFields();
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) {
                        out.writeByte(',');
                    }
                    JsonStrings.writeString(out, fields.get(i).name());
                    out.writeByte(':');
                    writeJson(fields.get(i).schema(), in, depth + 1);
                }
                out.writeByte('}');
            }
            case UNION -> writeJson(schema.getTypes().get(in.readIndex()), in, depth);
        }
    }

    private void writeLong(long v, LogicalType logical) {
        if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.LocalTimestampMillis) {
            long micros = Math.multiplyExact(v, 1000L);
            quoted(() -> out.writeTimestamp(micros, logical instanceof LogicalTypes.TimestampMillis));
        } else if (logical instanceof LogicalTypes.TimestampMicros
                || logical instanceof LogicalTypes.LocalTimestampMicros) {
            quoted(() -> out.writeTimestamp(v, logical instanceof LogicalTypes.TimestampMicros));
        } else if (logical instanceof LogicalTypes.TimestampNanos
                || logical instanceof LogicalTypes.LocalTimestampNanos) {
            long micros = Math.floorDiv(v, 1000L);
            quoted(() -> out.writeTimestamp(micros, logical instanceof LogicalTypes.TimestampNanos));
        } else {
            out.writeLong(v);
        }
    }

    private void writeFloating(double v) {
        if (Double.isNaN(v)) {
            JsonStrings.writeString(out, "NaN");
        } else if (Double.isInfinite(v)) {
            JsonStrings.writeString(out, v > 0 ? "Infinity" : "-Infinity");
        } else {
            out.writeDouble(v);
        }
    }

    private void writeBinary(byte[] value, LogicalType logical) {
        if (logical instanceof LogicalTypes.Decimal d) {
            BigInteger unscaled = value.length == 0 ? BigInteger.ZERO : new BigInteger(value);
            quoted(() -> out.writeDecimal(new BigDecimal(unscaled, d.getScale()), d.getScale()));
        } else {
            quoted(() -> out.writeBase64(value));
        }
    }

    private void quoted(Runnable value) {
        out.writeByte('"');
        value.run();
        out.writeByte('"');
    }
}
