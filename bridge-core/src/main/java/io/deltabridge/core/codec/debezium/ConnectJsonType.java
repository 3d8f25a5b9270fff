package io.deltabridge.core.codec.debezium;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.deltabridge.core.codec.Utf8Buffer;
import io.deltabridge.core.error.Problem;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;

/**
 * A Kafka Connect / Debezium semantic type (the {@code name} of a field in JsonConverter's schema)
 * whose JSON value a Delta column of the matching type cannot read as such: days, epoch counts,
 * base64 decimals. {@link #write} turns the value into the SPEC §7 text the row decoder reads.
 */
enum ConnectJsonType {
    /** io.debezium.time.Date, org.apache.kafka.connect.data.Date: days since the epoch. */
    DATE_DAYS,
    /** io.debezium.time.Timestamp, org.apache.kafka.connect.data.Timestamp: milliseconds since the epoch. */
    TIMESTAMP_MILLIS,
    /** io.debezium.time.MicroTimestamp. */
    TIMESTAMP_MICROS,
    /** io.debezium.time.NanoTimestamp. */
    TIMESTAMP_NANOS,
    /** org.apache.kafka.connect.data.Decimal: base64 of the unscaled big-endian two's complement; scale in the schema. */
    DECIMAL_BYTES,
    /** io.debezium.data.VariableScaleDecimal: {"scale": s, "value": base64 of the unscaled value}. */
    VARIABLE_SCALE_DECIMAL;

    /** The type named {@code name} if a column of {@code column}'s type needs it converted, else null. */
    static ConnectJsonType forColumn(String name, DataType column) {
        ConnectJsonType type = switch (name) {
            case "io.debezium.time.Date", "org.apache.kafka.connect.data.Date" -> DATE_DAYS;
            case "io.debezium.time.Timestamp", "org.apache.kafka.connect.data.Timestamp" -> TIMESTAMP_MILLIS;
            case "io.debezium.time.MicroTimestamp" -> TIMESTAMP_MICROS;
            case "io.debezium.time.NanoTimestamp" -> TIMESTAMP_NANOS;
            case "org.apache.kafka.connect.data.Decimal" -> DECIMAL_BYTES;
            case "io.debezium.data.VariableScaleDecimal" -> VARIABLE_SCALE_DECIMAL;
            default -> null;
        };
        if (type == null) {
            return null;
        }
        boolean fits = switch (type) {
            case DATE_DAYS -> column instanceof DateType;
            case TIMESTAMP_MILLIS, TIMESTAMP_MICROS, TIMESTAMP_NANOS ->
                column instanceof TimestampType || column instanceof TimestampNTZType;
            case DECIMAL_BYTES, VARIABLE_SCALE_DECIMAL -> column instanceof DecimalType;
        };
        return fits ? type : null;
    }

    /**
     * Writes the value the parser is on ({@code t}, not null) as the JSON text the row decoder reads
     * for {@code column}; a value of another JSON type is copied unchanged (the row decoder then
     * reports it, or reads it as it is, e.g. a date already as text).
     *
     * @param scale the scale of {@link #DECIMAL_BYTES}
     * @return false when the value was not converted and must be copied
     */
    boolean write(JsonParser p, JsonToken t, DataType column, int scale, String field, Utf8Buffer out)
            throws IOException {
        switch (this) {
            case DATE_DAYS -> {
                if (t != JsonToken.VALUE_NUMBER_INT) {
                    return false;
                }
                out.writeByte('"');
                out.writeDate(p.getLongValue());
                out.writeByte('"');
            }
            case TIMESTAMP_MILLIS, TIMESTAMP_MICROS, TIMESTAMP_NANOS -> {
                if (t != JsonToken.VALUE_NUMBER_INT) {
                    return false;
                }
                long v = p.getLongValue();
                long micros = switch (this) {
                    case TIMESTAMP_MILLIS -> Math.multiplyExact(v, 1000L);
                    case TIMESTAMP_NANOS -> Math.floorDiv(v, 1000L);
                    default -> v;
                };
                out.writeByte('"');
                out.writeTimestamp(micros, column instanceof TimestampType);
                out.writeByte('"');
            }
            case DECIMAL_BYTES -> {
                if (t != JsonToken.VALUE_STRING) {
                    return false;
                }
                writeDecimal(unscaled(p.getText(), field), scale, out);
            }
            case VARIABLE_SCALE_DECIMAL -> {
                if (t != JsonToken.START_OBJECT) {
                    return false;
                }
                writeVariableScale(p, field, out);
            }
        }
        return true;
    }

    private static void writeVariableScale(JsonParser p, String field, Utf8Buffer out) throws IOException {
        Integer scale = null;
        BigInteger unscaled = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("scale") && v == JsonToken.VALUE_NUMBER_INT) {
                scale = p.getIntValue();
            } else if (name.equals("value") && v == JsonToken.VALUE_STRING) {
                unscaled = unscaled(p.getText(), field);
            } else {
                p.skipChildren();
            }
        }
        if (scale == null || unscaled == null) {
            throw Problem.of("Field '%s' is an io.debezium.data.VariableScaleDecimal without 'scale' or 'value'", field)
                    .because("such a decimal is {\"scale\": number, \"value\": base64 string}")
                    .fix("send both, or set the connector's decimal.handling.mode to string")
                    .data();
        }
        writeDecimal(unscaled, scale, out);
    }

    private static void writeDecimal(BigInteger unscaled, int scale, Utf8Buffer out) {
        out.writeByte('"');
        out.writeDecimal(new BigDecimal(unscaled, scale), scale);
        out.writeByte('"');
    }

    private static BigInteger unscaled(String base64, String field) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw Problem.of("Field '%s' expects a Kafka Connect decimal but the record has \"%s\"", field, base64)
                    .because("a Connect decimal is the base64 of its unscaled value, and this is not base64")
                    .fix("send the value as Debezium writes it (decimal.handling.mode precise), or as a decimal string")
                    .data();
        }
        return bytes.length == 0 ? BigInteger.ZERO : new BigInteger(bytes);
    }
}
