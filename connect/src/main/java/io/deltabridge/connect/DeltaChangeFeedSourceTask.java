package io.deltabridge.connect;

import io.deltabridge.core.config.BridgeConfig;
import io.deltabridge.core.config.ConfigOption.Scope;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.delta.TableUris;
import io.deltabridge.core.pipeline.BridgeContext;
import io.deltabridge.core.pipeline.BridgeContexts;
import io.deltabridge.core.pipeline.PipelineListener;
import io.deltabridge.d2k.ChangeEventFeed;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.TransactionContext;

/** Publishes the change feeds of the tables assigned to it, taking turns between them. */
public final class DeltaChangeFeedSourceTask extends SourceTask {
    /** Records per poll: Connect hands them to its producer before asking for more. */
    private static final int MAX_BATCH = 10_000;

    private final List<TableSource> tables = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private long pollIntervalMillis;
    private int next;

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        ConnectorOptions options = new ConnectorOptions(Scope.DELTA_TO_KAFKA);
        String name = props.get(DeltaChangeFeedSourceConnector.CONNECTOR_NAME);
        for (String table : ConnectorOptions.tables(props.get(DeltaChangeFeedSourceConnector.TASK_TABLES))) {
            BridgeConfig config = options.bridgeConfig(props, name, table);
            DeltaToKafkaMapping mapping =
                    (DeltaToKafkaMapping) config.mappings().get(0);
            BridgeContext bridge = BridgeContexts.create(config, PipelineListener.NONE, null);
            ChangeEventFeed feed = ChangeEventFeed.open(bridge, mapping);
            Map<String, Object> stored = context.offsetStorageReader()
                    .offset(SourcePosition.partition(TableUris.normalize(mapping.table())));
            tables.add(new TableSource(mapping, feed, SourcePosition.of(stored)));
            pollIntervalMillis = mapping.pollInterval().toMillis();
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopped.getCount() == 0) {
            // closed on the polling thread: stop() runs on another one while a poll may be reading
            tables.forEach(TableSource::close);
            tables.clear();
            return null;
        }
        boolean anyReading = false;
        for (int i = 0; i < tables.size(); i++) {
            TableSource table = tables.get(next);
            next = (next + 1) % tables.size();
            TableSource.Batch batch = table.poll(MAX_BATCH);
            anyReading |= table.reading();
            if (batch.endsTransaction()) {
                TransactionContext transaction = context.transactionContext();
                if (transaction != null) {
                    transaction.commitTransaction();
                }
            }
            if (!batch.records().isEmpty()) {
                return Collections.unmodifiableList(batch.records());
            }
        }
        if (!anyReading) {
            // nothing new in any table: wait for the poll interval, or until stopped
            stopped.await(pollIntervalMillis, TimeUnit.MILLISECONDS);
        }
        return null;
    }

    @Override
    public void stop() {
        stopped.countDown();
    }
}
