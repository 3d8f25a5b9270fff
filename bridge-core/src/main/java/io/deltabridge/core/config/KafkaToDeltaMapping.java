package io.deltabridge.core.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code from: {kafka}} → {@code to: {delta}} (SPEC §2, §5).
 *
 * @param schema          Spark-style DDL of the table, needed for json when the table does not exist
 * @param tableProperties Delta table properties set when the table is created
 *                        (e.g. {@code delta.enableChangeDataFeed: true})
 * @param targetFileSize  target size of the Parquet files written, in bytes
 * @param onOffsetGap     what to do when a stored offset is no longer in the partition's log
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
        OnOffsetGap onOffsetGap) implements MappingConfig {

    public KafkaToDeltaMapping {
        topics = List.copyOf(topics);
        partitionBy = List.copyOf(partitionBy);
        tableProperties = Map.copyOf(tableProperties);
    }
}
