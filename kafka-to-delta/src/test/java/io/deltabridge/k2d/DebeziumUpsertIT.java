package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.Envelope;
import io.deltabridge.core.config.FlushPolicy;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Debezium change events of a PostgreSQL table, as the connector writes them through Kafka Connect's
 * JsonConverter (with and without {@code schemas.enable}) and Confluent's AvroConverter (real
 * registry), on the real broker: a snapshot ({@code r}), inserts, updates and deletes, each delete
 * followed by its tombstone, some deletes carrying only the key in {@code before} (REPLICA IDENTITY
 * DEFAULT). Applied by {@code mode: upsert, envelope: debezium}, the table holds exactly the
 * source's last state; the tombstones are consumed silently, a truncate event is dead-lettered.
 */
@WithKafkaBroker
@ExtendWith(SchemaRegistryExtension.class)
class DebeziumUpsertIT {
    private static final String TABLE =
            "id INT NOT NULL, name STRING NOT NULL, born DATE, balance DECIMAL(10,2), updated_at TIMESTAMP";
    private static final int KEYS = 40;
    private static final int CHANGES = 400;
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    /** How the connector's events reach Kafka. */
    enum Shape {
        /** JsonConverter, schemas.enable=true: semantic types (Date as days, Decimal as base64, MicroTimestamp) with their schema. */
        JSON_WITH_SCHEMA,
        /** JsonConverter, schemas.enable=false, the connector set to decimal.handling.mode=string; timestamptz as ZonedTimestamp text. */
        JSON_BARE,
        /** AvroConverter: semantic types as connect.name / Avro logical types. */
        AVRO
    }

    /** A row of the source table. */
    record Row(int id, String name, Integer bornDays, long balanceCents, long updatedMicros) {}

    private final Engine engine = DeltaEngines.create(Map.of());
    private final Random random = new Random(7);

    @ParameterizedTest
    @EnumSource(Shape.class)
    void theTableHoldsTheSourcesLastState(
            Shape shape, KafkaCluster kafka, RegistryConfig registryConfig, @TempDir Path dir) {
        String topic = Topics.create(kafka, "dbserver1.public.accounts", 3);
        String dlq = Topics.create(kafka, "accounts-dlq", 1);
        try (SchemaRegistryClient registry = new HttpSchemaRegistryClient(registryConfig)) {
            Events events = new Events(shape, registry, topic);
            Map<Integer, Row> source = new TreeMap<>();
            List<ProducerRecord<byte[], byte[]>> records = snapshot(events, source);
            for (int i = 0; i < CHANGES; i++) {
                int id = 1 + random.nextInt(KEYS);
                Row before = source.get(id);
                if (before == null) {
                    Row row = newRow(id);
                    source.put(id, row);
                    records.add(events.record(id, null, row, "c"));
                } else if (random.nextInt(10) < 7) {
                    Row after = new Row(
                            id,
                            "name " + i,
                            before.bornDays(),
                            before.balanceCents() + random.nextInt(10_000) - 5_000,
                            before.updatedMicros() + 1_000_123);
                    source.put(id, after);
                    records.add(events.record(id, before, after, "u"));
                } else {
                    source.remove(id);
                    Row image = random.nextBoolean()
                            ? before
                            : new Row(id, null, null, 0, 0); // key only: REPLICA IDENTITY DEFAULT
                    records.add(events.record(id, image, null, "d"));
                    records.add(new ProducerRecord<>(topic, events.key(id), null)); // Debezium's tombstone
                }
            }
            records.add(events.record(1, null, null, "t")); // a TRUNCATE: names no key, dead-lettered
            kafka.produce(records);

            Path table = dir.resolve("accounts");
            upsert(shape, kafka, registry, topic, dlq, table, 97);

            assertEquals(expected(source, shape), actual(table));
            List<ConsumedRecord> dead = kafka.readUntil(dlq, 1, Duration.ofSeconds(60));
            assertEquals(1, dead.size(), "only the truncate is dead-lettered, not the tombstones: " + dead);
            assertTrue(dead.get(0).headerString("deltabridge.error.message").contains("truncate"), dead.toString());
        }
    }

    /**
     * Updates that change the key (a {@code u} whose {@code before} has another key than its {@code after}, as a source
     * that renumbers rows sends): the old key's row leaves the table, the new key holds the row, in every shape. Keys
     * are renumbered to free keys, to keys freed before, back and forth, within one flush and across flushes; one
     * partition, so that the old key's earlier changes come before the update that moves it.
     */
    @ParameterizedTest
    @EnumSource(Shape.class)
    void anUpdateThatChangesTheKeyMovesTheRow(
            Shape shape, KafkaCluster kafka, RegistryConfig registryConfig, @TempDir Path dir) {
        String topic = Topics.create(kafka, "dbserver1.public.renumbered", 1);
        String dlq = Topics.create(kafka, "renumbered-dlq", 1);
        try (SchemaRegistryClient registry = new HttpSchemaRegistryClient(registryConfig)) {
            Events events = new Events(shape, registry, topic);
            Map<Integer, Row> source = new TreeMap<>();
            List<ProducerRecord<byte[], byte[]>> records = snapshot(events, source);
            int renumbered = 0;
            for (int i = 0; i < CHANGES; i++) {
                List<Integer> ids = new ArrayList<>(source.keySet());
                Row before = source.get(ids.get(random.nextInt(ids.size())));
                int to = 1 + random.nextInt(KEYS);
                if (source.containsKey(to)) {
                    to = before.id(); // the key is taken: a plain update
                }
                Row after = new Row(
                        to,
                        "name " + i,
                        before.bornDays(),
                        before.balanceCents() + 1,
                        before.updatedMicros() + 1_000_123);
                source.remove(before.id());
                source.put(to, after);
                renumbered += to == before.id() ? 0 : 1;
                records.add(events.record(to, before, after, "u"));
            }
            kafka.produce(records);

            Path table = dir.resolve("renumbered");
            upsert(shape, kafka, registry, topic, dlq, table, 13);

            assertTrue(renumbered > CHANGES / 3, "keys changed: " + renumbered);
            assertEquals(expected(source, shape), actual(table));
            assertTrue(kafka.readAll(dlq, Duration.ofSeconds(1)).isEmpty(), "nothing dead-lettered");
        }
    }

    /** Applies the topic to {@code table} in {@code mode: upsert, envelope: debezium}, a commit every {@code flushRecords}. */
    private static void upsert(
            Shape shape,
            KafkaCluster kafka,
            SchemaRegistryClient registry,
            String topic,
            String dlq,
            Path table,
            int flushRecords) {
        KafkaToDelta.builder()
                .bridgeName("it")
                .name(table.getFileName() + "-mirror")
                .kafka(Map.of("bootstrap.servers", kafka.bootstrapServers()))
                .schemaRegistry(registry)
                .topics(topic)
                .table(table.toString())
                .create(true)
                .schema(TABLE)
                .format(shape == Shape.AVRO ? Format.AVRO : Format.JSON)
                .upsert("id")
                .envelope(Envelope.DEBEZIUM)
                .deadLetterTopic(dlq)
                .flush(new FlushPolicy(flushRecords, 1 << 20, Duration.ofMinutes(1)))
                .build()
                .runOnce();
    }

    /** The connector's initial snapshot ({@code r}) of half the keys, put into {@code source}. */
    private List<ProducerRecord<byte[], byte[]>> snapshot(Events events, Map<Integer, Row> source) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int id = 1; id <= KEYS / 2; id++) {
            Row row = newRow(id);
            source.put(id, row);
            records.add(events.record(id, null, row, "r"));
        }
        return records;
    }

    private Row newRow(int id) {
        return new Row(
                id,
                "name " + id,
                7_000 + random.nextInt(10_000),
                random.nextInt(1_000_000) - 100_000,
                1_767_225_600_000_000L + random.nextInt(1_000_000_000));
    }

    /** The source's rows as the table must hold them (the bare JSON events have no dates: nothing says an int is days there). */
    private static Map<Integer, ObjectNode> expected(Map<Integer, Row> source, Shape shape) {
        Map<Integer, ObjectNode> rows = new TreeMap<>();
        source.forEach((id, r) -> {
            ObjectNode o = TableRows.JSON.createObjectNode();
            o.put("id", id);
            o.put("name", r.name());
            if (shape == Shape.JSON_BARE) {
                o.putNull("born");
            } else {
                o.put("born", LocalDate.ofEpochDay(r.bornDays()).toString());
            }
            o.put("balance", BigDecimal.valueOf(r.balanceCents(), 2).toPlainString());
            o.put(
                    "updated_at",
                    MICROS.format(LocalDateTime.ofEpochSecond(
                                    r.updatedMicros() / 1_000_000,
                                    (int) (r.updatedMicros() % 1_000_000) * 1000,
                                    ZoneOffset.UTC))
                            + "Z");
            rows.put(id, TableRows.normalise(o));
        });
        return rows;
    }

    private Map<Integer, ObjectNode> actual(Path table) {
        Map<Integer, ObjectNode> rows = new TreeMap<>();
        for (ObjectNode row : TableRows.read(engine, table.toString())) {
            LineageColumns.ALL.forEach(row::remove);
            assertTrue(row.get("_rescued_data").isNull(), row.toString());
            row.remove("_rescued_data");
            int id = row.get("id").asInt();
            assertFalse(rows.containsKey(id), "id " + id + " twice");
            rows.put(id, TableRows.normalise(row));
        }
        return rows;
    }

    /** The connector's records (key and value) in one {@link Shape}. */
    private static final class Events {
        private static final String SOURCE =
                "{\"version\":\"2.7.3.Final\",\"connector\":\"postgresql\",\"name\":\"dbserver1\","
                        + "\"ts_ms\":1767225600000,\"snapshot\":\"false\",\"db\":\"postgres\",\"sequence\":\"[null,\\\"24023128\\\"]\","
                        + "\"schema\":\"public\",\"table\":\"accounts\",\"txId\":555,\"lsn\":24023128,\"xmin\":null}";
        private static final String ROW_SCHEMA = "{\"type\":\"struct\",\"fields\":["
                + "{\"type\":\"int32\",\"optional\":false,\"default\":0,\"field\":\"id\"},"
                + "{\"type\":\"string\",\"optional\":false,\"field\":\"name\"},"
                + "{\"type\":\"int32\",\"optional\":true,\"name\":\"io.debezium.time.Date\",\"version\":1,\"field\":\"born\"},"
                + "{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,"
                + "\"parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"10\"},\"field\":\"balance\"},"
                + "{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.MicroTimestamp\",\"version\":1,\"field\":\"updated_at\"}],"
                + "\"optional\":true,\"name\":\"dbserver1.public.accounts.Value\"";
        private static final String ENVELOPE_SCHEMA =
                "{\"type\":\"struct\",\"fields\":[" + ROW_SCHEMA + ",\"field\":\"before\"},"
                        + ROW_SCHEMA
                        + ",\"field\":\"after\"},{\"type\":\"struct\",\"fields\":[{\"type\":\"string\",\"optional\":false,"
                        + "\"field\":\"connector\"}],\"optional\":false,\"name\":\"io.debezium.connector.postgresql.Source\",\"field\":\"source\"},"
                        + "{\"type\":\"string\",\"optional\":false,\"field\":\"op\"},{\"type\":\"int64\",\"optional\":true,\"field\":\"ts_ms\"},"
                        + "{\"type\":\"struct\",\"fields\":[{\"type\":\"string\",\"optional\":false,\"field\":\"id\"}],\"optional\":true,"
                        + "\"name\":\"event.block\",\"version\":1,\"field\":\"transaction\"}],\"optional\":false,"
                        + "\"name\":\"dbserver1.public.accounts.Envelope\",\"version\":1}";
        private static final String AVRO_VALUE = """
            {"type":"record","name":"Value","namespace":"dbserver1.public.accounts","fields":[
              {"name":"id","type":{"type":"int","connect.default":0},"default":0},
              {"name":"name","type":"string"},
              {"name":"born","type":["null",{"type":"int","connect.version":1,"connect.name":"io.debezium.time.Date"}],"default":null},
              {"name":"balance","type":["null",{"type":"bytes","scale":2,"precision":10,"connect.version":1,
                "connect.parameters":{"scale":"2","connect.decimal.precision":"10"},
                "connect.name":"org.apache.kafka.connect.data.Decimal","logicalType":"decimal"}],"default":null},
              {"name":"updated_at","type":["null",{"type":"long","connect.version":1,"connect.name":"io.debezium.time.MicroTimestamp"}],"default":null}],
             "connect.name":"dbserver1.public.accounts.Value"}""";
        private static final Schema ENVELOPE = new Schema.Parser().parse("""
            {"type":"record","name":"Envelope","namespace":"dbserver1.public.accounts","fields":[
              {"name":"before","type":["null",%s],"default":null},
              {"name":"after","type":["null","Value"],"default":null},
              {"name":"source","type":{"type":"record","name":"Source","namespace":"io.debezium.connector.postgresql","fields":[
                 {"name":"version","type":"string"},{"name":"connector","type":"string"},{"name":"name","type":"string"},
                 {"name":"ts_ms","type":"long"},{"name":"db","type":"string"},{"name":"schema","type":"string"},
                 {"name":"table","type":"string"},{"name":"txId","type":["null","long"],"default":null},
                 {"name":"lsn","type":["null","long"],"default":null}],"connect.name":"io.debezium.connector.postgresql.Source"}},
              {"name":"op","type":"string"},
              {"name":"ts_ms","type":["null","long"],"default":null},
              {"name":"transaction","type":["null",{"type":"record","name":"block","namespace":"event","fields":[
                 {"name":"id","type":"string"},{"name":"total_order","type":"long"},{"name":"data_collection_order","type":"long"}]}],
               "default":null}],
             "connect.name":"dbserver1.public.accounts.Envelope"}""".formatted(AVRO_VALUE));
        private static final Schema KEY = new Schema.Parser().parse("""
            {"type":"record","name":"Key","namespace":"dbserver1.public.accounts","fields":[{"name":"id","type":"int"}]}""");

        private final Shape shape;
        private final String topic;
        private final int valueId;
        private final int keyId;

        Events(Shape shape, SchemaRegistryClient registry, String topic) {
            this.shape = shape;
            this.topic = topic;
            this.valueId = shape == Shape.AVRO ? registry.register(topic + "-value", ENVELOPE) : 0;
            this.keyId = shape == Shape.AVRO ? registry.register(topic + "-key", KEY) : 0;
        }

        ProducerRecord<byte[], byte[]> record(int id, Row before, Row after, String op) {
            return new ProducerRecord<>(
                    topic, key(id), shape == Shape.AVRO ? avro(before, after, op) : json(before, after, op));
        }

        byte[] key(int id) {
            return switch (shape) {
                case JSON_WITH_SCHEMA ->
                    utf8("{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,"
                            + "\"field\":\"id\"}],\"optional\":false,\"name\":\"dbserver1.public.accounts.Key\"},\"payload\":{\"id\":"
                            + id + "}}");
                case JSON_BARE -> utf8("{\"id\":" + id + "}");
                case AVRO -> {
                    GenericRecord key = new GenericData.Record(KEY);
                    key.put("id", id);
                    yield ConfluentWireFormat.frame(keyId, binary(KEY, key));
                }
            };
        }

        private byte[] json(Row before, Row after, String op) {
            String payload = "{\"before\":" + jsonRow(before) + ",\"after\":" + jsonRow(after) + ",\"source\":" + SOURCE
                    + ",\"op\":\"" + op + "\",\"ts_ms\":1767225600123,\"transaction\":null}";
            return utf8(
                    shape == Shape.JSON_WITH_SCHEMA
                            ? "{\"schema\":" + ENVELOPE_SCHEMA + ",\"payload\":" + payload + "}"
                            : payload);
        }

        private String jsonRow(Row r) {
            if (r == null) {
                return "null";
            }
            if (r.name() == null) {
                return "{\"id\":" + r.id() + "}";
            }
            String balance = BigDecimal.valueOf(r.balanceCents(), 2).toPlainString();
            return shape == Shape.JSON_WITH_SCHEMA
                    ? "{\"id\":" + r.id() + ",\"name\":\"" + r.name() + "\",\"born\":" + r.bornDays()
                            + ",\"balance\":\""
                            + Base64.getEncoder()
                                    .encodeToString(
                                            BigInteger.valueOf(r.balanceCents()).toByteArray())
                            + "\",\"updated_at\":" + r.updatedMicros() + "}"
                    // decimal.handling.mode=string; a timestamptz column is an ISO ZonedTimestamp
                    : "{\"id\":" + r.id() + ",\"name\":\"" + r.name() + "\",\"balance\":\"" + balance
                            + "\",\"updated_at\":\"" + Instant.EPOCH.plusNanos(r.updatedMicros() * 1000) + "\"}";
        }

        private byte[] avro(Row before, Row after, String op) {
            GenericRecord event = new GenericData.Record(ENVELOPE);
            event.put("before", avroRow(before));
            event.put("after", avroRow(after));
            GenericRecord source =
                    new GenericData.Record(ENVELOPE.getField("source").schema());
            source.put("version", "2.7.3.Final");
            source.put("connector", "postgresql");
            source.put("name", "dbserver1");
            source.put("ts_ms", 1_767_225_600_000L);
            source.put("db", "postgres");
            source.put("schema", "public");
            source.put("table", "accounts");
            source.put("lsn", 24_023_128L);
            event.put("source", source);
            event.put("op", op);
            event.put("ts_ms", 1_767_225_600_123L);
            return ConfluentWireFormat.frame(valueId, binary(ENVELOPE, event));
        }

        private static GenericRecord avroRow(Row r) {
            if (r == null) {
                return null;
            }
            GenericRecord row = new GenericData.Record(
                    ENVELOPE.getField("after").schema().getTypes().get(1));
            row.put("id", r.id());
            row.put("name", r.name() == null ? "" : r.name()); // a key-only image: NOT NULL columns hold their defaults
            if (r.name() != null) {
                row.put("born", r.bornDays());
                row.put(
                        "balance",
                        ByteBuffer.wrap(BigInteger.valueOf(r.balanceCents()).toByteArray()));
                row.put("updated_at", r.updatedMicros());
            }
            return row;
        }

        private static byte[] binary(Schema schema, GenericRecord record) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            try {
                new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        private static byte[] utf8(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
    }
}
