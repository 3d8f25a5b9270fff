package io.deltabridge.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.KafkaCluster;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Records for a kafka → delta mapping with schema {@code id BIGINT NOT NULL, name STRING}, produced in
 * chunks by the loop's seeded {@link Random}: good JSON rows with ids counting up, and among them bad
 * records of four kinds (truncated JSON, a wrong type, a missing non-null column, not JSON at all), each
 * with a unique text so that it can be found in the dead-letter topic.
 */
final class TopicWorkload {
    private final KafkaCluster kafka;
    private final String topic;
    private final Random random;
    private final Set<String> badValues = new HashSet<>();
    private long nextId;

    TopicWorkload(KafkaCluster kafka, String topic, Random random) {
        this.kafka = kafka;
        this.topic = topic;
        this.random = random;
    }

    /** Produces 100–1,000 good records and 0–4 bad ones, mixed. */
    void produceChunk() {
        int good = 100 + random.nextInt(900);
        int bad = random.nextInt(5);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(good + bad);
        for (int i = 0; i < good; i++) {
            long id = nextId++;
            records.add(record(Long.toString(id), "{\"id\": " + id + ", \"name\": \"n-" + id + "\"}"));
        }
        for (int i = 0; i < bad; i++) {
            String value = badValue("bad-" + badValues.size());
            badValues.add(value);
            records.add(random.nextInt(records.size() + 1), record("bad-" + badValues.size(), value));
        }
        kafka.produce(records);
    }

    private String badValue(String marker) {
        return switch (random.nextInt(4)) {
            case 0 -> "{\"id\": 1, \"name\": \"" + marker;
            case 1 -> "{\"id\": \"" + marker + "\", \"name\": \"x\"}";
            case 2 -> "{\"name\": \"" + marker + "\"}";
            default -> marker + " is not JSON";
        };
    }

    private ProducerRecord<byte[], byte[]> record(String key, String value) {
        return new ProducerRecord<>(
                topic, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }

    /** How many good records were produced: their ids are {@code 0 .. goodRecords()-1}. */
    long goodRecords() {
        return nextId;
    }

    Set<String> badValues() {
        return badValues;
    }

    /** Returns the number of dead letters; fails listing the bad records that are not among them. */
    int assertEveryBadRecordDeadLettered(List<ConsumedRecord> deadLetters) {
        Set<String> found = new HashSet<>();
        for (ConsumedRecord r : deadLetters) {
            assertTrue(badValues.contains(r.valueString()), "a good record in the dead-letter topic: " + r);
            found.add(r.valueString());
        }
        Set<String> lost = new HashSet<>(badValues);
        lost.removeAll(found);
        assertTrue(lost.isEmpty(), "bad records not dead-lettered: " + lost);
        return deadLetters.size();
    }
}
