package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.engine.Engine;
import io.deltabridge.core.config.FlushPolicy;
import io.deltabridge.core.config.Format;
import io.deltabridge.core.config.RegistryConfig;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.metrics.BridgeMeter;
import io.deltabridge.core.metrics.MappingMeters;
import io.deltabridge.core.registry.HttpSchemaRegistryClient;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.SchemaRegistryExtension;
import io.deltabridge.testkit.WithKafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input, fuzzed, through the real kafka → delta pipeline (real broker, real registry, real
 * table), JSON and Avro: seeded random good records mixed with malformed, truncated and random
 * bytes, length bombs, unknown schema ids, wrong types, huge records, invalid UTF-8, lone
 * surrogates and deep nesting (see {@link FuzzJson} and {@link FuzzAvro}). After each round every
 * good record is in the table exactly once, every bad one in the dead-letter topic with its error
 * and source headers and its value unchanged, the counts add up, and the run ended normally
 * within its time limit (no hang, no death, no Error).
 *
 * <p>Prints its seed; repeat a run with {@code -Dfuzz.seed=<seed>}. {@code -Dsoak=true} runs 25
 * rounds per format instead of 2.
 */
@WithKafkaBroker
@ExtendWith(SchemaRegistryExtension.class)
class BadInputFuzzIT {
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int ROUNDS = Boolean.getBoolean("soak") ? 25 : 2;
    private static final int RECORDS_PER_ROUND = 300;
    private static final Duration RUN_LIMIT = Duration.ofSeconds(90);
    private static final List<String> ERROR_HEADERS = List.of(
            DeadLetters.ERROR_CLASS,
            DeadLetters.ERROR_MESSAGE,
            DeadLetters.SOURCE_TOPIC,
            DeadLetters.SOURCE_PARTITION,
            DeadLetters.SOURCE_OFFSET);
    private final Engine engine = DeltaEngines.create(Map.of());

    /** One record to produce: good ones carry the id the table must hold once. */
    record Input(String key, byte[] value, Long goodId, String kind) {
        static Input good(long id, byte[] value) {
            return new Input("good-" + id, value, id, "good");
        }

        static Input bad(int n, String kind, byte[] value) {
            return new Input("bad-" + n + "-" + kind, value, null, kind);
        }
    }

    @Test
    void jsonGoodRecordsLandExactlyOnceAndEveryBadOneIsDeadLettered(KafkaCluster kafka, @TempDir Path dir)
            throws Exception {
        Random random = seeded("json");
        FuzzJson inputs = new FuzzJson(random);
        fuzz(
                kafka,
                dir,
                Topics.create(kafka, "fuzz-json", 3),
                b -> b.format(Format.JSON).schema(FuzzJson.DDL),
                inputs::next);
    }

    @Test
    void avroGoodRecordsLandExactlyOnceAndEveryBadOneIsDeadLettered(
            KafkaCluster kafka, RegistryConfig registryConfig, @TempDir Path dir) throws Exception {
        Random random = seeded("avro");
        try (SchemaRegistryClient registry = new HttpSchemaRegistryClient(registryConfig)) {
            String topic = Topics.create(kafka, "fuzz-avro", 3);
            FuzzAvro inputs = new FuzzAvro(random, registry, topic);
            fuzz(kafka, dir, topic, b -> b.format(Format.AVRO).schemaRegistry(registry), inputs::next);
        }
    }

    private static Random seeded(String format) {
        long seed = SEED ^ format.hashCode();
        System.out.printf(
                "BadInputFuzzIT %s: seed %d (repeat with -Dfuzz.seed=%d), %d rounds%n", format, seed, SEED, ROUNDS);
        return new Random(seed);
    }

    private void fuzz(
            KafkaCluster kafka,
            Path dir,
            String topic,
            Function<KafkaToDelta.Builder, KafkaToDelta.Builder> format,
            Function<Integer, Input> inputs)
            throws Exception {
        String dlq = Topics.create(kafka, "fuzz-dlq", 1);
        Path table = dir.resolve("t");
        Map<String, Input> bad = new TreeMap<>();
        List<Long> good = new ArrayList<>();
        Map<String, Integer> kinds = new TreeMap<>();
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            int n = 0;
            for (int round = 0; round < ROUNDS; round++) {
                List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
                for (int i = 0; i < RECORDS_PER_ROUND; i++, n++) {
                    Input in = inputs.apply(n);
                    kinds.merge(in.kind(), 1, Integer::sum);
                    if (in.goodId() != null) {
                        good.add(in.goodId());
                    } else {
                        bad.put(in.key(), in);
                    }
                    records.add(new ProducerRecord<>(topic, n % 3, in.key().getBytes(), in.value()));
                }
                kafka.produce(records);

                SimpleMeterRegistry registry = new SimpleMeterRegistry(); // counts of this round's pipeline
                KafkaToDeltaPipeline p = format.apply(KafkaToDelta.builder()
                                .bridgeName("fuzz")
                                .name("fuzz-" + topic)
                                .kafka(Map.of("bootstrap.servers", kafka.bootstrapServers()))
                                .topics(topic)
                                .table(table.toString())
                                .create(true)
                                .deadLetterTopic(dlq)
                                .flush(new FlushPolicy(97, 64L << 20, Duration.ofMinutes(1)))
                                .meterRegistry(registry))
                        .build();
                Future<?> run = runner.submit(p::runOnce);
                run.get(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS); // a hang, a failure or an Error fails here

                MappingMeters m = new MappingMeters(registry, "fuzz", "fuzz-" + topic);
                assertEquals((long) RECORDS_PER_ROUND, m.value(BridgeMeter.RECORDS_IN, -1), "round " + round);
                assertEquals(
                        RECORDS_PER_ROUND,
                        m.value(BridgeMeter.RECORDS_OUT, 0) + m.value(BridgeMeter.DEAD_LETTERS, 0),
                        "every record written or dead-lettered, round " + round);
                assertTableHoldsExactly(table, good, round);
                assertDeadLettered(kafka, dlq, topic, bad, round);
            }
            System.out.printf(
                    "BadInputFuzzIT %s: %d records, %d good, %d bad by kind %s%n",
                    topic, n, good.size(), bad.size(), kinds);
        } finally {
            runner.shutdownNow();
        }
    }

    private void assertTableHoldsExactly(Path table, List<Long> good, int round) {
        List<Long> ids = new ArrayList<>();
        for (ObjectNode row : TableRows.read(engine, table.toString())) {
            ids.add(row.get("id").asLong());
        }
        ids.sort(null);
        List<Long> expected = new ArrayList<>(good);
        expected.sort(null);
        assertEquals(expected.size(), ids.size(), "rows in the table after round " + round);
        assertEquals(expected, ids, "every good record exactly once, round " + round);
    }

    private static void assertDeadLettered(
            KafkaCluster kafka, String dlq, String topic, Map<String, Input> bad, int round) {
        List<ConsumedRecord> dead = kafka.readAll(dlq, Duration.ofSeconds(30));
        Map<String, ConsumedRecord> byKey = new HashMap<>();
        for (ConsumedRecord d : dead) {
            byKey.put(d.keyString(), d);
        }
        assertEquals(
                bad.size(), dead.size(), "dead letters after round " + round + " (each once: nothing was retried)");
        assertEquals(
                bad.keySet(),
                new java.util.TreeSet<>(byKey.keySet()),
                "every bad record dead-lettered, round " + round);
        for (Input in : bad.values()) {
            ConsumedRecord d = byKey.get(in.key());
            for (String header : ERROR_HEADERS) {
                assertNotNull(d.header(header), in.kind() + " " + in.key() + " lacks " + header);
            }
            assertEquals(topic, d.headerString(DeadLetters.SOURCE_TOPIC));
            if (in.value() == null) {
                assertEquals(null, d.value(), in.key());
            } else {
                assertArrayEquals(
                        in.value(),
                        d.value(),
                        in.kind() + " " + in.key() + ": the value unchanged ("
                                + Arrays.toString(Arrays.copyOf(in.value(), Math.min(16, in.value().length))) + "...)");
            }
        }
    }
}
