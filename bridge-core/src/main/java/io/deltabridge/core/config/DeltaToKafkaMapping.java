package io.deltabridge.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code from: {delta}} → {@code to: {kafka}} (SPEC §2, §4).
 *
 * @param table                    path or URI of the Delta table, as written in the file
 * @param columns                  projection; key columns are always included
 * @param headers                  all headers of SPEC §7, or the {@code deltabridge.*} lineage only
 * @param maxRecordsPerTransaction a version with more events is split into several transactions
 */
public record DeltaToKafkaMapping(
        String name,
        int index,
        String table,
        String topic,
        List<String> key,
        Format format,
        KeyFormat keyFormat,
        Set<ChangeKind> changes,
        Envelope envelope,
        HeaderSet headers,
        Optional<List<String>> columns,
        StartingVersion startingVersion,
        Duration pollInterval,
        long maxRecordsPerTransaction)
        implements MappingConfig {

    public DeltaToKafkaMapping {
        key = List.copyOf(key);
        changes = Set.copyOf(changes);
        columns = columns.map(List::copyOf);
    }
}
