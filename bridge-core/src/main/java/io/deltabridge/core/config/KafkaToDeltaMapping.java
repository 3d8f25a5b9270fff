package io.deltabridge.core.config;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code from: {kafka}} → {@code to: {delta}} (SPEC §2, §5).
 *
 * @param schema          Spark-style DDL of the table, needed for json when the table does not exist
 * @param tableProperties Delta table properties set when the table is created
 *                        (e.g. {@code delta.enableChangeDataFeed: true})
 * @param targetFileSize  target size of the Parquet files written, in bytes
 * @param onOffsetGap     what to do when a stored offset is no longer in the partition's log
 * @param mode            append rows, or apply changes by {@code key} (upsert)
 * @param key             with upsert: the columns that identify a row; empty with append
 * @param keyFormat       with upsert: the format of the Kafka key, which a tombstone's deleted key is read from
 * @param envelope        with upsert: the shape of the incoming change events
 * @param startingOffsets where reading starts in a partition the table stores no offset for
 * @param topicPattern    {@code from: {kafka-pattern}}: the regular expression topics are read by (then {@code topics}
 *                        is empty)
 * @param table           path or URI of the table; with a pattern it may hold {@link TopicTables#PLACEHOLDER}, then each
 *                        matching topic goes to its own table ({@link #forTopic})
 */
public record KafkaToDeltaMapping(
        String name,
        int index,
        List<String> topics,
        String table,
        boolean create,
        List<String> partitionBy,
        Optional<String> schema,
        Map<String, String> tableProperties,
        Format format,
        boolean lineageColumns,
        Optional<String> deadLetterTopic,
        OnError onError,
        FlushPolicy flush,
        long targetFileSize,
        OnOffsetGap onOffsetGap,
        Mode mode,
        List<String> key,
        KeyFormat keyFormat,
        Envelope envelope,
        StartingOffsets startingOffsets,
        Optional<String> topicPattern)
        implements MappingConfig {

    public KafkaToDeltaMapping {
        topics = List.copyOf(topics);
        partitionBy = List.copyOf(partitionBy);
        tableProperties = Map.copyOf(tableProperties);
        key = List.copyOf(key);
    }

    /** An append mapping. */
    public KafkaToDeltaMapping(
            String name,
            int index,
            List<String> topics,
            String table,
            boolean create,
            List<String> partitionBy,
            Optional<String> schema,
            Map<String, String> tableProperties,
            Format format,
            boolean lineageColumns,
            Optional<String> deadLetterTopic,
            OnError onError,
            FlushPolicy flush,
            long targetFileSize,
            OnOffsetGap onOffsetGap) {
        this(
                name,
                index,
                topics,
                table,
                create,
                partitionBy,
                schema,
                tableProperties,
                format,
                lineageColumns,
                deadLetterTopic,
                onError,
                flush,
                targetFileSize,
                onOffsetGap,
                Mode.APPEND,
                List.of(),
                KeyFormat.JSON,
                Envelope.ROW,
                StartingOffsets.EARLIEST,
                Optional.empty());
    }

    /** This mapping writing with {@code mode} by {@code key}. */
    public KafkaToDeltaMapping withMode(Mode mode, List<String> key, KeyFormat keyFormat, Envelope envelope) {
        return new KafkaToDeltaMapping(
                name,
                index,
                topics,
                table,
                create,
                partitionBy,
                schema,
                tableProperties,
                format,
                lineageColumns,
                deadLetterTopic,
                onError,
                flush,
                targetFileSize,
                onOffsetGap,
                mode,
                key,
                keyFormat,
                envelope,
                startingOffsets,
                topicPattern);
    }

    /** This mapping starting partitions without stored offset at {@code start}. */
    public KafkaToDeltaMapping startingAt(StartingOffsets start) {
        return new KafkaToDeltaMapping(
                name,
                index,
                topics,
                table,
                create,
                partitionBy,
                schema,
                tableProperties,
                format,
                lineageColumns,
                deadLetterTopic,
                onError,
                flush,
                targetFileSize,
                onOffsetGap,
                mode,
                key,
                keyFormat,
                envelope,
                start,
                topicPattern);
    }

    /** This mapping reading every topic whose whole name matches {@code regex}, instead of a list of topics. */
    public KafkaToDeltaMapping readingPattern(String regex) {
        return reading(name, List.of(), table, Optional.of(regex));
    }

    /** Whether each topic matching the pattern goes to a table of its own: {@code table} holds {@code {topic}}. */
    public boolean tablePerTopic() {
        return topicPattern.isPresent() && table.contains(TopicTables.PLACEHOLDER);
    }

    /**
     * The mapping of one topic of a {@link #tablePerTopic} mapping: named {@code <mapping>/<topic>} (its own consumer
     * group and stored offsets), reading that topic into the table its name gives.
     */
    public KafkaToDeltaMapping forTopic(String topic) {
        return reading(name + "/" + topic, List.of(topic), TopicTables.tableOf(table, topic), Optional.empty());
    }

    /** This mapping named {@code name}, reading {@code topics} or {@code pattern} into {@code table}. */
    private KafkaToDeltaMapping reading(String name, List<String> topics, String table, Optional<String> pattern) {
        return new KafkaToDeltaMapping(
                name,
                index,
                topics,
                table,
                create,
                partitionBy,
                schema,
                tableProperties,
                format,
                lineageColumns,
                deadLetterTopic,
                onError,
                flush,
                targetFileSize,
                onOffsetGap,
                mode,
                key,
                keyFormat,
                envelope,
                startingOffsets,
                pattern);
    }

    /** The compiled {@link #topicPattern}; the binder has checked that it compiles. */
    public Optional<Pattern> topicRegex() {
        return topicPattern.map(Pattern::compile);
    }

    /** Of {@code names}, those the mapping reads: its listed topics, or those matching its pattern (no internal {@code __} topic). */
    public List<String> topicsAmong(Collection<String> names) {
        Optional<Pattern> regex = topicRegex();
        return names.stream()
                .filter(t -> regex.map(r -> !t.startsWith("__") && r.matcher(t).matches())
                        .orElse(topics.contains(t)))
                .sorted()
                .toList();
    }

    /** What the mapping reads, for messages: {@code [a, b]} or {@code pattern `a\..*`}. */
    public String sourceDescription() {
        return topicPattern.map(p -> "topics matching `" + p + "`").orElse("topics " + topics);
    }
}
