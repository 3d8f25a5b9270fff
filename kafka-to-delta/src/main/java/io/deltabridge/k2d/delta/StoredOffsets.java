package io.deltabridge.k2d.delta;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deltabridge.core.error.Problem;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka position stored in the table: per topic-partition, the next offset to read. Kept
 * as the Delta domain metadata {@code deltabridge.offsets.<bridge>.<mapping>}, whose
 * configuration is {@code {"orders":{"0":42,"1":17}}}, so it is committed atomically with the
 * data and two writers of the same domain conflict.
 */
public final class StoredOffsets {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, TreeMap<Integer, Long>>> SHAPE = new TypeReference<>() {};

    private StoredOffsets() {}

    /** The domain of one mapping; {@code bridge} and {@code mapping} are the names in the mapping file. */
    public static String domain(String bridge, String mapping) {
        return "deltabridge.offsets." + bridge + "." + mapping;
    }

    public static String toJson(Map<TopicPartition, Long> offsets) {
        Map<String, Map<Integer, Long>> byTopic = new TreeMap<>();
        offsets.forEach((tp, offset) ->
                byTopic.computeIfAbsent(tp.topic(), t -> new TreeMap<>()).put(tp.partition(), offset));
        try {
            return JSON.writeValueAsString(byTopic);
        } catch (IOException e) {
            throw new IllegalStateException("offsets are always serialisable", e);
        }
    }

    public static Map<TopicPartition, Long> fromJson(String domain, String json) {
        try {
            Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
            JSON.readValue(json, SHAPE)
                    .forEach((topic, partitions) -> partitions.forEach(
                            (partition, offset) -> offsets.put(new TopicPartition(topic, partition), offset)));
            return offsets;
        } catch (IOException e) {
            throw Problem.of("The Kafka offsets stored in the table (domain metadata '%s') cannot be read", domain)
                    .because("%s", e.getMessage())
                    .fix(
                            "the domain was written by something else than deltabridge; rename the mapping to start a new position")
                    .data(e);
        }
    }
}
