package io.deltabridge.d2k;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.kafka.KafkaClientFactory;
import io.deltabridge.core.kafka.PropertiesKafkaClientFactory;
import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import io.deltabridge.testkit.KafkaCluster;
import io.deltabridge.testkit.WithKafkaBroker;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the delta → kafka ITs share: a broker of the class's own, copies of the golden Delta
 * tables, a pipeline builder on them, and readers that compare what the topic holds with Spark's
 * change feed.
 */
@WithKafkaBroker
abstract class DeltaToKafkaITSupport {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    static KafkaCluster kafka;
    static final AtomicInteger SEQ = new AtomicInteger();

    @BeforeAll
    static void broker(KafkaCluster cluster) {
        kafka = cluster;
    }

    static DeltaFixture fixture(String scenario) {
        return DeltaFixtures.copy(scenario, tmp.resolve(scenario + "-" + SEQ.incrementAndGet()));
    }

    static DeltaToKafka.Builder builder(DeltaFixture f, String topic) {
        return DeltaToKafka.builder()
                .bridgeName("it")
                .mappingName(topic)
                .table(f.table().toString())
                .topic(topic)
                .key(f.key().toArray(String[]::new))
                .changes(ChangeKind.INSERT, ChangeKind.UPDATE, ChangeKind.DELETE)
                .kafka(settings())
                .progressTopic("_progress_it");
    }

    static Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        kafka.clientProperties().forEach((k, v) -> s.put(k, String.valueOf(v)));
        return s;
    }

    /** Spark's change feed without pre-images, as (version, change type, key, value) lines. */
    static List<String> expectedEvents(DeltaFixture f) {
        List<String> events = new ArrayList<>();
        for (ObjectNode row : f.expectedCdf()) {
            String type = row.get("_change_type").asText();
            if (type.equals("update_preimage")) {
                continue;
            }
            long version = row.get("_commit_version").asLong();
            ObjectNode value = row.deepCopy();
            value.remove(List.of("_change_type", "_commit_version", "_commit_timestamp"));
            ObjectNode key = JSON.createObjectNode();
            f.key().forEach(k -> key.set(k, row.get(k)));
            events.add(version + " " + type + " " + key + " " + (type.equals("delete") ? "null" : value.toString()));
        }
        return sorted(events);
    }

    static List<String> actualEvents(List<ConsumedRecord> records) throws IOException {
        List<String> events = new ArrayList<>();
        for (ConsumedRecord r : records) {
            JsonNode value = r.isTombstone() ? null : JSON.readTree(r.value());
            events.add(r.headerString("deltabridge.version") + " " + r.headerString("deltabridge.change.type") + " "
                    + JSON.readTree(r.key()) + " " + (value == null ? "null" : value.toString()));
        }
        return sorted(events);
    }

    static List<String> sorted(List<String> events) {
        // compare JSON objects as trees: re-serialise through Jackson for a canonical text
        List<String> canonical = new ArrayList<>();
        for (String e : events) {
            canonical.add(e);
        }
        canonical.sort(null);
        return canonical;
    }

    static List<ConsumedRecord> readAll(String topic) {
        return kafka.readAll(topic, TIMEOUT);
    }

    /**
     * Every record once {@code count} are visible: commitTransaction returns before the commit markers
     * reach every partition, so read_committed end offsets taken right after it may lag for a moment.
     */
    static List<ConsumedRecord> readAll(String topic, int count) {
        kafka.readUntil(topic, count, TIMEOUT);
        return kafka.readAll(topic, TIMEOUT);
    }

    /** Moves the commits of versions 3 and 4 of {@code f} aside; {@link HiddenCommits#reveal()} brings them back. */
    record HiddenCommits(Path log, Path hidden, List<Path> commits) {
        static HiddenCommits of(DeltaFixture f) throws IOException {
            Path log = f.table().resolve("_delta_log");
            List<Path> later = new ArrayList<>();
            try (var files = Files.list(log)) {
                files.filter(p -> p.getFileName().toString().matches("0+[34]\\.json"))
                        .sorted()
                        .forEach(later::add);
            }
            assertEquals(2, later.size());
            Path hidden = Files.createDirectories(tmp.resolve("hidden-" + SEQ.incrementAndGet()));
            for (Path p : later) {
                Files.move(p, hidden.resolve(p.getFileName()));
            }
            return new HiddenCommits(log, hidden, later);
        }

        void reveal() throws IOException {
            for (Path p : commits) {
                Files.move(hidden.resolve(p.getFileName()), p);
            }
        }

        static long eventsBefore(List<String> expected) {
            return expected.stream()
                    .filter(e -> Long.parseLong(e.split(" ")[0]) < 3)
                    .count();
        }
    }

    static List<String> ids(List<ConsumedRecord> records) {
        return records.stream()
                .map(r -> r.headerString("ce_id"))
                .sorted()
                .distinct()
                .toList();
    }

    /** Real clients whose producer calls pass {@link #before} first, which may delay, fail or skip them. */
    static class InterceptingClients implements KafkaClientFactory {
        private final KafkaClientFactory real;
        Producer<byte[], byte[]> producer;

        InterceptingClients(Map<String, String> settings) {
            this.real = new PropertiesKafkaClientFactory(settings);
        }

        /** Called before every producer call; false skips the call (it returns null). */
        boolean before(String method) throws Exception {
            return true;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Producer<byte[], byte[]> producer(Map<String, Object> overrides) {
            producer = real.producer(overrides);
            return (Producer<byte[], byte[]>) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Producer.class}, (proxy, method, args) -> {
                        if (!before(method.getName())) {
                            return null;
                        }
                        try {
                            return method.invoke(producer, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Consumer<byte[], byte[]> consumer(Map<String, Object> overrides) {
            return real.consumer(overrides);
        }

        @Override
        public Admin admin() {
            return real.admin();
        }

        @Override
        public Map<String, String> settings() {
            return real.settings();
        }
    }
}
