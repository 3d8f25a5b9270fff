package io.deltabridge.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.error.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    static final Map<String, String> ENV = Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "broker1:9092,broker2:9092",
            "KAFKA_JAAS",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"jaas-pw-123\";",
            "SR_USER", "registry-user",
            "SR_PASSWORD", "sr-pw-456");

    static String specExample() {
        try (InputStream in = ConfigLoaderTest.class.getResourceAsStream("/config/spec-example.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void specExampleParsesToTheExpectedRecords() {
        BridgeConfig config = ConfigLoader.load(specExample(), "bridge.yaml", ENV);

        assertEquals("insights-bridge", config.name());
        assertEquals(
                Map.of(
                        "bootstrap.servers", "broker1:9092,broker2:9092",
                        "security.protocol", "SASL_SSL",
                        "sasl.mechanism", "SCRAM-SHA-512",
                        "sasl.jaas.config", ENV.get("KAFKA_JAAS")),
                config.kafka());
        assertEquals(
                Optional.of(new RegistryConfig(
                        "https://registry.example:8081", Optional.of("registry-user:sr-pw-456"), Map.of())),
                config.schemaRegistry());
        assertEquals(Map.of("fs.s3a.endpoint", "https://s3.eu-central-1.amazonaws.com"), config.delta());
        assertEquals("_deltabridge_progress", config.progressTopic());
        assertEquals(2, config.mappings().size());

        assertEquals(
                new DeltaToKafkaMapping(
                        "churn-scores-out",
                        0,
                        "s3a://lake/gold/churn_scores",
                        "churn-scores",
                        List.of("customer_id"),
                        Format.JSON,
                        KeyFormat.JSON,
                        Set.of(ChangeKind.INSERT, ChangeKind.UPDATE),
                        Envelope.ROW,
                        HeaderSet.ALL,
                        Optional.of(List.of("customer_id", "score")),
                        new StartingVersion.Earliest(),
                        Duration.ofSeconds(1),
                        1_000_000L),
                config.mappings().get(0));

        assertEquals(
                new KafkaToDeltaMapping(
                        "orders-in",
                        1,
                        List.of("orders"),
                        "/lake/bronze/orders",
                        true,
                        List.of("order_date"),
                        Optional.of(
                                "order_id BIGINT NOT NULL, order_date DATE, amount DECIMAL(12,2), items ARRAY<STRING>"),
                        Map.of(),
                        Format.JSON,
                        true,
                        Optional.of("orders-dlq"),
                        OnError.DEAD_LETTER,
                        new FlushPolicy(500_000, 128L << 20, Duration.ofSeconds(30)),
                        128L << 20,
                        OnOffsetGap.FAIL),
                config.mappings().get(1));
        assertEquals(
                "churn-scores-out",
                config.mapping("churn-scores-out").orElseThrow().name());
    }

    @Test
    void minimalMappingsGetTheDocumentedDefaults() {
        BridgeConfig config = load("""
                name: b
                kafka: { bootstrap.servers: localhost:9092 }
                mappings:
                  - name: out
                    from: { delta: /t }
                    to: { kafka: t-out }
                    key: id
                  - name: in
                    from: { kafka: t-in }
                    to: { delta: /t2 }
                """);
        assertEquals(BridgeConfig.DEFAULT_PROGRESS_TOPIC, config.progressTopic());
        assertEquals(Optional.empty(), config.schemaRegistry());
        assertEquals(Map.of(), config.delta());
        DeltaToKafkaMapping out = (DeltaToKafkaMapping) config.mappings().get(0);
        assertEquals(List.of("id"), out.key());
        assertEquals(Format.JSON, out.format());
        assertEquals(KeyFormat.JSON, out.keyFormat());
        assertEquals(Set.of(ChangeKind.INSERT, ChangeKind.UPDATE), out.changes());
        assertEquals(Envelope.ROW, out.envelope());
        assertEquals(Optional.empty(), out.columns());
        assertEquals(new StartingVersion.Earliest(), out.startingVersion());
        assertEquals(Duration.ofSeconds(1), out.pollInterval());
        assertEquals(1_000_000L, out.maxRecordsPerTransaction());

        KafkaToDeltaMapping in = (KafkaToDeltaMapping) config.mappings().get(1);
        assertEquals(List.of("t-in"), in.topics());
        assertFalse(in.create());
        assertEquals(List.of(), in.partitionBy());
        assertEquals(Optional.empty(), in.schema());
        assertEquals(Map.of(), in.tableProperties());
        assertTrue(in.lineageColumns());
        assertEquals(Optional.empty(), in.deadLetterTopic());
        assertEquals(OnError.FAIL, in.onError());
        assertEquals(FlushPolicy.DEFAULT, in.flush());
        assertEquals(128L << 20, in.targetFileSize());
    }

    @Test
    void readsEveryTypeAndOurAdditions() {
        BridgeConfig config = load("""
                name: b
                kafka:
                  bootstrap.servers: [k1:9092, k2:9092]
                  linger.ms: 5
                  ssl:
                    truststore.type: PEM
                schema-registry:
                  url: http://localhost:8081/apis/ccompat/v7
                  request.timeout.ms: 5000
                  ssl.truststore.location: /etc/ts.pem
                mappings:
                  - name: out
                    from: { delta: /t }
                    to: { kafka: t-out }
                    key: [a, b]
                    format: avro
                    changes: [insert, update, delete]
                    envelope: debezium
                    starting-version: 2024-05-01T10:00:00+02:00
                    poll-interval: 500ms
                    max-transaction-records: 10_000
                    headers: lineage
                  - name: out2
                    from: { delta: /t }
                    to: { kafka: t-out2 }
                    key: a
                    key-format: string
                    starting-version: 42
                  - name: in
                    from: { kafka: [t1, t2] }
                    to:
                      delta: s3a://b/t
                      create: true
                      target-file-size: 64MB
                      table-properties:
                        delta.enableChangeDataFeed: true
                    format: avro
                    lineage-columns: false
                    dead-letter-topic: dlq
                    on-error: fail
                    on-offset-gap: skip
                    starting-offsets: latest
                    flush: { max-records: 1000, max-bytes: 1.5GiB, max-interval: 5m }
                  - name: mirror
                    from: { kafka: members }
                    to: { delta: /m }
                    mode: upsert
                    key: [member_id]
                    key-format: string
                    envelope: debezium
                """);
        assertEquals("k1:9092,k2:9092", config.kafka().get("bootstrap.servers"));
        assertEquals("5", config.kafka().get("linger.ms"));
        assertEquals("PEM", config.kafka().get("ssl.truststore.type"));
        RegistryConfig registry = config.schemaRegistry().orElseThrow();
        assertEquals(
                Map.of("request.timeout.ms", "5000", "ssl.truststore.location", "/etc/ts.pem"), registry.properties());
        assertEquals(Optional.empty(), registry.basicAuth());

        DeltaToKafkaMapping out = (DeltaToKafkaMapping) config.mappings().get(0);
        assertEquals(KeyFormat.AVRO, out.keyFormat());
        assertEquals(Set.of(ChangeKind.values()), out.changes());
        assertEquals(Envelope.DEBEZIUM, out.envelope());
        assertEquals(new StartingVersion.AtTimestamp(Instant.parse("2024-05-01T08:00:00Z")), out.startingVersion());
        assertEquals(Duration.ofMillis(500), out.pollInterval());
        assertEquals(10_000L, out.maxRecordsPerTransaction());
        assertEquals(HeaderSet.LINEAGE, out.headers());
        DeltaToKafkaMapping out2 = (DeltaToKafkaMapping) config.mappings().get(1);
        assertEquals(HeaderSet.ALL, out2.headers(), "the default");
        assertEquals(KeyFormat.STRING, out2.keyFormat());
        assertEquals(new StartingVersion.AtVersion(42), out2.startingVersion());

        KafkaToDeltaMapping in = (KafkaToDeltaMapping) config.mappings().get(2);
        assertEquals(List.of("t1", "t2"), in.topics());
        assertEquals(64_000_000L, in.targetFileSize());
        assertEquals(Map.of("delta.enableChangeDataFeed", "true"), in.tableProperties());
        assertFalse(in.lineageColumns());
        assertEquals(OnError.FAIL, in.onError());
        assertEquals(OnOffsetGap.SKIP, in.onOffsetGap());
        assertEquals(StartingOffsets.LATEST, in.startingOffsets());
        assertEquals(new FlushPolicy(1000, 3L << 29, Duration.ofMinutes(5)), in.flush());
        assertEquals(Mode.APPEND, in.mode());
        assertEquals(List.of(), in.key());
        assertEquals(KeyFormat.AVRO, in.keyFormat(), "same as format");

        KafkaToDeltaMapping mirror = (KafkaToDeltaMapping) config.mappings().get(3);
        assertEquals(Mode.UPSERT, mirror.mode());
        assertEquals(List.of("member_id"), mirror.key());
        assertEquals(KeyFormat.STRING, mirror.keyFormat());
        assertEquals(Envelope.DEBEZIUM, mirror.envelope());
        assertEquals(StartingOffsets.EARLIEST, mirror.startingOffsets(), "the default");
    }

    @Test
    void clientRoleSettingsMergeOverKafkaAndAMappingsOwnOverTheTopLevelOnes() {
        BridgeConfig config = ConfigLoader.load("""
                name: b
                kafka: { bootstrap.servers: "k:9092", linger.ms: 5, client.rack: r1 }
                producer: { linger.ms: 20, compression.type: zstd, acks: all }
                consumer: { max.poll.records: 2000, isolation.level: read_committed }
                mappings:
                  - name: out
                    from: { delta: /t }
                    to: { kafka: o }
                    key: id
                    producer: { linger.ms: 50, enable.idempotence: true }
                    admin: { request.timeout.ms: 60000 }
                  - name: in
                    from: { kafka: t }
                    to: { delta: /d }
                """, "bridge.yaml", Map.of());
        ClientOverrides out = config.clientOverrides("out");
        assertEquals(
                Map.of(
                        "bootstrap.servers",
                        "k:9092",
                        "client.rack",
                        "r1",
                        "linger.ms",
                        "50",
                        "compression.type",
                        "zstd",
                        "acks",
                        "all",
                        "enable.idempotence",
                        "true"),
                out.over(config.kafka(), ClientRole.PRODUCER));
        assertEquals(
                Map.of(
                        "bootstrap.servers",
                        "k:9092",
                        "client.rack",
                        "r1",
                        "linger.ms",
                        "5",
                        "max.poll.records",
                        "2000",
                        "isolation.level",
                        "read_committed"),
                out.over(config.kafka(), ClientRole.CONSUMER));
        assertEquals(Map.of("request.timeout.ms", "60000"), out.admin());
        ClientOverrides in = config.clientOverrides("in");
        assertEquals(
                "20", in.over(config.kafka(), ClientRole.PRODUCER).get("linger.ms"), "the top-level producer block");
        assertEquals(Map.of(), in.admin());
    }

    @Test
    void confluentRegistryClientKeysAreAcceptedBesideTheShortForms() {
        BridgeConfig userInfo = ConfigLoader.load("""
                name: b
                kafka: { bootstrap.servers: k }
                schema-registry:
                  url: https://sr.example
                  basic.auth.credentials.source: USER_INFO
                  basic.auth.user.info: key-1:secret-1
                  schema.registry.ssl.truststore.location: /etc/ts.p12
                  auto.register.schemas: false
                  use.latest.version: true
                  latest.compatibility.strict: false
                  key.subject.name.strategy: io.confluent.kafka.serializers.subject.RecordNameStrategy
                  value.subject.name.strategy: TopicRecordNameStrategy
                mappings: [{name: m, from: {kafka: t}, to: {delta: /t}, format: avro}]
                """, "bridge.yaml", Map.of());
        RegistryConfig registry = userInfo.schemaRegistry().orElseThrow();
        assertEquals(Optional.of("key-1:secret-1"), registry.basicAuth());
        assertEquals(
                "/etc/ts.p12", registry.properties().get("ssl.truststore.location"), "Confluent's prefix is taken off");
        assertFalse(registry.properties().containsKey("basic.auth.user.info"), "the credentials are kept in one place");
        assertFalse(RegistryClientKeys.flag(registry.properties(), RegistryClientKeys.AUTO_REGISTER, true));
        assertEquals(
                RegistryClientKeys.WriterSchema.LATEST_USABLE, RegistryClientKeys.writerSchema(registry.properties()));
        assertEquals(SubjectNameStrategy.RECORD_NAME, RegistryClientKeys.strategy(registry.properties(), true));
        assertEquals(SubjectNameStrategy.TOPIC_RECORD_NAME, RegistryClientKeys.strategy(registry.properties(), false));

        BridgeConfig bearer = ConfigLoader.load("""
                name: b
                kafka: { bootstrap.servers: k }
                schema-registry:
                  url: https://sr.example
                  bearer.auth.credentials.source: STATIC_TOKEN
                  bearer.auth.token: tok-123
                  bearer.auth.logical.cluster: lsrc-1
                mappings: [{name: m, from: {kafka: t}, to: {delta: /t}, format: avro}]
                """, "bridge.yaml", Map.of());
        assertEquals(Optional.empty(), bearer.schemaRegistry().orElseThrow().basicAuth());
        assertEquals(
                "tok-123", bearer.schemaRegistry().orElseThrow().properties().get("bearer.auth.token"));
        assertFalse(bearer.toString().contains("tok-123"), bearer.toString());
    }

    @Test
    void loadsAFileWithItsPathAsTheSourceName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bridge.yaml");
        Files.writeString(file, """
                name: b
                kafka: { bootstrap.servers: "${DELTABRIDGE_TEST_SURELY_UNSET_VAR:-localhost:9092}" }
                mappings:
                  - name: in
                    from: { kafka: t }
                    to: { delta: /t }
                """);
        BridgeConfig config = ConfigLoader.load(file);
        assertEquals("localhost:9092", config.kafka().get("bootstrap.servers"));
        assertEquals(file + ":4:5 (mappings[0].name)", config.source().locate("mappings[0].name"));

        ConfigException missing = assertThrows(
                ConfigException.class,
                () -> ConfigLoader.load(dir.resolve("nope.yaml")).name(),
                "a missing file");
        assertTrue(missing.getMessage().contains("nope.yaml not found"), missing.getMessage());
    }

    @Test
    void anchorsAndMergeKeysShareSettingsBetweenMappings() {
        BridgeConfig config = load("""
                name: b
                kafka: { bootstrap.servers: k }
                x-defaults: &sink
                  format: json
                  flush: { max-records: 10 }
                mappings:
                  - <<: *sink
                    name: a
                    from: { kafka: t1 }
                    to: { delta: /a }
                  - <<: *sink
                    name: b
                    from: { kafka: t2 }
                    to: { delta: /b }
                    flush: { max-records: 20 }
                """);
        assertEquals(
                10, ((KafkaToDeltaMapping) config.mappings().get(0)).flush().maxRecords());
        assertEquals(
                20, ((KafkaToDeltaMapping) config.mappings().get(1)).flush().maxRecords(), "an explicit key wins");
    }

    static BridgeConfig load(String yaml) {
        return ConfigLoader.load(yaml, "bridge.yaml", ENV);
    }
}
