package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.RegistryConfig;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.format.ConfluentWireFormat;
import io.deltabridge.core.registry.HttpSchemaRegistryClient;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.SchemaRegistryExtension;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** format: avro against a real broker and a real Confluent-API registry (Apicurio). */
@WithKafkaBroker
@ExtendWith(SchemaRegistryExtension.class)
class AvroIT {
    private final Engine engine = DeltaEngines.create(Map.of());

    static Schema v1() {
        Schema decimal = LogicalTypes.decimal(10, 2).addToSchema(Schema.create(Schema.Type.BYTES));
        Schema micros = LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
        return SchemaBuilder.record("Order")
                .namespace("it")
                .fields()
                .requiredLong("id")
                .optionalString("name")
                .name("amount")
                .type(decimal)
                .noDefault()
                .name("tags")
                .type()
                .array()
                .items()
                .stringType()
                .noDefault()
                .name("at")
                .type(micros)
                .noDefault()
                .endRecord();
    }

    static Schema v2() {
        Schema v1 = v1();
        List<Schema.Field> fields = new ArrayList<>();
        v1.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field(
                "color",
                Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                null,
                Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord("Order", null, "it", false, fields);
    }

    static byte[] encode(int id, Schema schema, long orderId, String color) throws Exception {
        GenericRecord r = new GenericData.Record(schema);
        r.put("id", orderId);
        r.put("name", "order " + orderId);
        r.put(
                "amount",
                ByteBuffer.wrap(new BigDecimal(orderId + ".25").unscaledValue().toByteArray()));
        r.put("tags", List.of("a", "b" + orderId));
        r.put("at", 1_767_225_600_000_000L + orderId);
        if (color != null) {
            r.put("color", color);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(r, enc);
        enc.flush();
        return ConfluentWireFormat.frame(id, out.toByteArray());
    }

    @Test
    void createsTheTableFromTheRegistryAndDecodesByIdWithDeadLetters(
            KafkaCluster kafka, RegistryConfig registryConfig, @TempDir Path dir) throws Exception {
        String topic = Topics.create(kafka, "avro", 2);
        String dlq = Topics.create(kafka, "avro-dlq", 1);
        Path table = dir.resolve("orders");
        try (SchemaRegistryClient registry = new HttpSchemaRegistryClient(registryConfig)) {
            int id1 = registry.register(topic + "-value", v1());
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                records.add(new ProducerRecord<>(topic, i % 2, null, encode(id1, v1(), i, null)));
            }
            records.add(new ProducerRecord<>(topic, 0, null, encode(987654, v1(), 100, null)));
            records.add(new ProducerRecord<>(topic, 0, null, new byte[] {1, 2, 3}));
            byte[] truncated = encode(id1, v1(), 101, null);
            records.add(new ProducerRecord<>(topic, 1, null, java.util.Arrays.copyOf(truncated, 9)));
            kafka.produce(records);

            KafkaToDelta.builder()
                    .bridgeName("it")
                    .name("avro-in")
                    .kafka(Map.of("bootstrap.servers", kafka.bootstrapServers()))
                    .schemaRegistry(registry)
                    .topics(topic)
                    .table(table.toString())
                    .create(true)
                    .format(Format.AVRO)
                    .deadLetterTopic(dlq)
                    .build()
                    .runOnce();

            assertEquals(
                    List.of(
                            "id",
                            "name",
                            "amount",
                            "tags",
                            "at",
                            "_rescued_data",
                            "_kafka_topic",
                            "_kafka_partition",
                            "_kafka_offset",
                            "_kafka_timestamp",
                            "_lineage"),
                    TableManager.loadSnapshot(table.toString())
                            .build(engine)
                            .getSchema()
                            .fieldNames());
            List<ObjectNode> rows = new ArrayList<>(TableRows.read(engine, table.toString()));
            rows.sort(Comparator.comparing(r -> r.get("id").asLong()));
            assertEquals(20, rows.size());
            ObjectNode r7 = rows.get(7);
            assertEquals("order 7", r7.get("name").asText());
            assertEquals("7.25", r7.get("amount").asText());
            assertEquals("[\"a\",\"b7\"]", r7.get("tags").toString());
            assertEquals("2026-01-01T00:00:00.000007Z", r7.get("at").asText());
            List<ConsumedRecord> dead = kafka.readUntil(dlq, 3, Duration.ofSeconds(60));
            assertEquals(3, dead.size());
            assertTrue(
                    dead.stream()
                            .anyMatch(d ->
                                    d.headerString("deltabridge.error.message").contains("987654")),
                    dead.toString());

            // a newer schema with a field the table lacks: the field is rescued, nothing is lost
            int id2 = registry.register(topic + "-value", v2());
            kafka.produce(List.of(new ProducerRecord<>(topic, 0, null, encode(id2, v2(), 200, "red"))));
            KafkaToDelta.builder()
                    .bridgeName("it")
                    .name("avro-in")
                    .kafka(Map.of("bootstrap.servers", kafka.bootstrapServers()))
                    .schemaRegistry(registry)
                    .topics(topic)
                    .table(table.toString())
                    .format(Format.AVRO)
                    .deadLetterTopic(dlq)
                    .build()
                    .runOnce();
            ObjectNode r200 = TableRows.read(engine, table.toString()).stream()
                    .filter(r -> r.get("id").asLong() == 200)
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    Map.of("color", "red"),
                    TableRows.JSON.readValue(r200.get("_rescued_data").asText(), Map.class));
        }
    }
}
