package io.deltabridge.connect;

import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.KafkaToDeltaMapping;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.pipeline.BridgeContexts;
import io.deltabridge.core.pipeline.PipelineListener;
import io.deltabridge.k2d.KafkaToDeltaWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Writes records to the table as {@code bridge run} does: decoded by deltabridge, one Delta commit per Connect
 * offset commit with the next offset per partition stored in it. The table's offsets are the truth: partitions
 * are opened at them, and Connect is told only offsets the table holds.
 */
public final class DeltaSinkTask extends SinkTask {
    private final Set<TopicPartition> assigned = new HashSet<>();
    /** Dead letters reported since the last commit: durable before a commit moves past them. */
    private final List<Future<Void>> deadLetters = new ArrayList<>();

    private KafkaToDeltaWriter writer;
    private ErrantRecordReporter reporter;

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        BridgeConfig config = DeltaSinkConnector.bridgeConfig(props);
        writer = KafkaToDeltaWriter.open(
                BridgeContexts.create(config, PipelineListener.NONE, null),
                (KafkaToDeltaMapping) config.mappings().get(0));
        reporter = context.errantRecordReporter();
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        assigned.addAll(partitions);
        seekToTable(partitions);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
            ConsumerRecord<byte[], byte[]> read = SinkRecords.toConsumerRecord(record);
            Optional<DataException> rejected = writer.add(read);
            if (rejected.isPresent()) {
                if (reporter == null) {
                    throw new ConnectException(rejected.get().getMessage(), rejected.get());
                }
                // with errors.tolerance=none the reporter throws: the task stops at this record. The dead letter
                // carries deltabridge's error headers, as bridge run's do, besides Connect's
                SinkRecord letter =
                        SinkRecords.withHeaders(record, KafkaToDeltaWriter.deadLetterHeaders(read, rejected.get()));
                deadLetters.add(reporter.report(letter, rejected.get()));
            }
        }
        if (writer.full()) {
            context.requestCommit();
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        awaitDeadLetters();
        if (!writer.commit()) {
            // another writer moved the offsets: read again from what the table holds
            seekToTable(assigned);
        }
        Map<TopicPartition, OffsetAndMetadata> held = new HashMap<>();
        writer.committedOffsets().forEach((tp, offset) -> {
            if (assigned.contains(tp)) {
                held.put(tp, new OffsetAndMetadata(offset));
            }
        });
        return held;
    }

    private void awaitDeadLetters() {
        try {
            for (Future<Void> f : deadLetters) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while waiting for dead letters to be written", e);
        } catch (ExecutionException e) {
            throw new ConnectException(
                    "a dead letter could not be written: " + e.getCause().getMessage(), e.getCause());
        }
        deadLetters.clear();
    }

    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        // preCommit commits; Connect calls flush only through the default preCommit, which this task replaces
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        // what was not committed before the revocation is read again by the next owner, from the table's
        // offsets; the partitions kept are read again too, as the batch holding their records is dropped
        writer.discard();
        deadLetters.clear();
        writer.release(partitions);
        assigned.removeAll(partitions);
        if (!assigned.isEmpty()) {
            seekToTable(assigned);
        }
    }

    /**
     * Seeks to the offsets the table holds; as {@code bridge run} does, a partition without one starts at its
     * beginning (offset 0 before the log start resets to the earliest), never at the consumer's position, which
     * may be past records of a discarded batch.
     */
    private void seekToTable(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> seeks = new HashMap<>(writer.claim(partitions));
        partitions.forEach(tp -> seeks.putIfAbsent(tp, 0L));
        context.offset(seeks);
    }

    @Override
    public void stop() {
        if (writer != null) {
            writer.close();
        }
    }
}
