package io.deltabridge.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltabridge.core.format.ConfluentWireFormat;
import io.deltabridge.core.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * Decodes a Confluent-framed Avro message with its writer schema from the registry into the JSON encoding of
 * SPEC §7 (decimals as plain strings, timestamps as text, ...), so Avro events compare with Spark's rows exactly
 * as JSON events do. Only the schema drives the conversion: nothing here knows the bridge's encoder.
 */
final class AvroJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private final SchemaRegistryClient registry;

    AvroJson(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    JsonNode decode(byte[] framed) {
        try {
            Schema schema = registry.schemaById(ConfluentWireFormat.schemaId(framed));
            Object datum = new GenericDatumReader<>(schema)
                    .read(
                            null,
                            DecoderFactory.get()
                                    .binaryDecoder(
                                            framed,
                                            ConfluentWireFormat.HEADER_SIZE,
                                            framed.length - ConfluentWireFormat.HEADER_SIZE,
                                            null));
            return json(datum, schema);
        } catch (IOException e) {
            throw new UncheckedIOException("undecodable Avro message", e);
        }
    }

    private static JsonNode json(Object v, Schema schema) {
        if (v == null) {
            return NODES.nullNode();
        }
        LogicalType logical = schema.getLogicalType();
        return switch (schema.getType()) {
            case UNION ->
                json(v, schema.getTypes().get(new org.apache.avro.generic.GenericData().resolveUnion(schema, v)));
            case RECORD -> {
                ObjectNode out = NODES.objectNode();
                GenericRecord r = (GenericRecord) v;
                schema.getFields().forEach(f -> out.set(f.name(), json(r.get(f.pos()), f.schema())));
                yield out;
            }
            case ARRAY -> {
                ArrayNode out = NODES.arrayNode();
                ((Collection<?>) v).forEach(item -> out.add(json(item, schema.getElementType())));
                yield out;
            }
            case MAP -> {
                ObjectNode out = NODES.objectNode();
                ((Map<?, ?>) v).forEach((k, val) -> out.set(k.toString(), json(val, schema.getValueType())));
                yield out;
            }
            case BYTES, FIXED -> {
                byte[] bytes = bytes(v);
                yield logical instanceof LogicalTypes.Decimal d
                        ? NODES.textNode(new BigDecimal(new BigInteger(bytes), d.getScale()).toPlainString())
                        : NODES.textNode(Base64.getEncoder().encodeToString(bytes));
            }
            case INT ->
                logical instanceof LogicalTypes.Date
                        ? NODES.textNode(LocalDate.ofEpochDay((Integer) v).toString())
                        : NODES.numberNode((Integer) v);
            case LONG -> {
                long n = (Long) v;
                if (logical instanceof LogicalTypes.TimestampMicros) {
                    yield NODES.textNode(MICROS.format(LocalDateTime.ofInstant(micros(n), ZoneOffset.UTC)) + "Z");
                }
                yield logical instanceof LogicalTypes.LocalTimestampMicros
                        ? NODES.textNode(MICROS.format(LocalDateTime.ofInstant(micros(n), ZoneOffset.UTC)))
                        : NODES.numberNode(n);
            }
            case FLOAT -> Float.isFinite((Float) v) ? NODES.numberNode((Float) v) : NODES.textNode(v.toString());
            case DOUBLE -> Double.isFinite((Double) v) ? NODES.numberNode((Double) v) : NODES.textNode(v.toString());
            case BOOLEAN -> NODES.booleanNode((Boolean) v);
            case STRING, ENUM -> NODES.textNode(v.toString());
            case NULL -> NODES.nullNode();
        };
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    private static byte[] bytes(Object v) {
        if (v instanceof ByteBuffer b) {
            byte[] out = new byte[b.remaining()];
            b.duplicate().get(out);
            return out;
        }
        return ((org.apache.avro.generic.GenericFixed) v).bytes();
    }
}
