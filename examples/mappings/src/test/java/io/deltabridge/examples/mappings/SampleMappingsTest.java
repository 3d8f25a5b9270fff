package io.deltabridge.examples.mappings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.ConfigLoader;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.config.Envelope;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.config.KeyFormat;
import io.deltabridge.core.config.MappingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every sample mapping file in this directory loads with {@link ConfigLoader} and means what its comments say. */
class SampleMappingsTest {
    private static final Path DIR = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void everySampleLoads() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertEquals(3, files.size(), files.toString());
        for (Path file : files) {
            BridgeConfig config = load(file.getFileName().toString());
            assertFalse(config.mappings().isEmpty(), file.toString());
        }
    }

    @Test
    void deltaToKafkaSample() throws IOException {
        BridgeConfig config = load("delta-to-kafka.yaml");
        assertEquals("insights-bridge", config.name());
        assertEquals("localhost:9092", config.kafka().get("bootstrap.servers"));
        DeltaToKafkaMapping m = (DeltaToKafkaMapping) only(config);
        assertEquals(List.of("customer_id"), m.key());
        assertEquals(KeyFormat.STRING, m.keyFormat());
        assertEquals(Format.JSON, m.format());
        assertEquals(Envelope.ROW, m.envelope());
        assertEquals(1_000_000, m.maxRecordsPerTransaction());
    }

    @Test
    void kafkaToDeltaSample() throws IOException {
        KafkaToDeltaMapping m = (KafkaToDeltaMapping) only(load("kafka-to-delta.yaml"));
        assertEquals(List.of("orders", "orders-eu"), m.topics());
        assertEquals(List.of("order_date"), m.partitionBy());
        assertEquals(500_000, m.flush().maxRecords());
        assertEquals(128L << 20, m.flush().maxBytes());
        assertEquals("true", m.tableProperties().get("delta.enableChangeDataFeed"));
        assertTrue(m.deadLetterTopic().isPresent());
    }

    @Test
    void avroSampleHasARegistryAndBothDirections() throws IOException {
        BridgeConfig config = load("avro-round-trip.yaml");
        assertTrue(config.schemaRegistry().isPresent());
        assertTrue(config.mappings().get(0) instanceof DeltaToKafkaMapping out && out.envelope() == Envelope.DEBEZIUM);
        assertTrue(config.mappings().get(1) instanceof KafkaToDeltaMapping in && in.format() == Format.AVRO);
    }

    private static BridgeConfig load(String file) throws IOException {
        // an empty environment: every ${VAR} in the samples must have a default
        return ConfigLoader.load(Files.readString(DIR.resolve(file)), file, NO_ENV);
    }

    private static MappingConfig only(BridgeConfig config) {
        assertEquals(1, config.mappings().size());
        return config.mappings().get(0);
    }
}
