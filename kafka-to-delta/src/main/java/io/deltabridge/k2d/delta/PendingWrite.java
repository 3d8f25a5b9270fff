package io.deltabridge.k2d.delta;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.deltabridge.core.delta.KernelIterators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parquet files written for one batch and not yet committed: appended as they are. */
public record PendingWrite(Transaction transaction, List<FileGroup> groups, long rows) implements TableChange {

    /** Files of one partition value (an empty map for unpartitioned tables). */
    public record FileGroup(Map<String, Literal> partitionValues, List<DataFileStatus> files) {}

    /** Blind appends: the same files on whatever snapshot the commit lands on. */
    @Override
    public CloseableIterator<Row> actions(Engine engine, Transaction txn, Snapshot base) {
        Row state = txn.getTransactionState(engine);
        List<Row> actions = new ArrayList<>();
        for (FileGroup group : groups) {
            DataWriteContext context = Transaction.getWriteContext(engine, state, group.partitionValues());
            try (CloseableIterator<Row> rows =
                    Transaction.generateAppendActions(engine, state, KernelIterators.of(group.files()), context)) {
                rows.forEachRemaining(actions::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return KernelIterators.of(actions);
    }

    @Override
    public long files() {
        return groups.stream().mapToLong(g -> g.files().size()).sum();
    }

    @Override
    public long bytes() {
        return groups.stream()
                .flatMap(g -> g.files().stream())
                .mapToLong(DataFileStatus::getSize)
                .sum();
    }
}
