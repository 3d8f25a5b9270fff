package io.deltabridge.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.hook.PostCommitHook;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.delta.KernelIterators;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.vector.BatchBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The standard "insights" Delta table of peer-bench (change data feed on), written without Spark:
 * the same schema and the same values (derived from Spark's {@code hash(id, salt)}), and commits that
 * Spark's {@code readChangeFeed} reads the same way as Spark's own.
 *
 * <pre>{@code
 * InsightsTable t = InsightsTable.create(dir, 1_000_000); // v0 CREATE, v1 INSERT (files of ~125k rows)
 * t.update();                                             // v2 UPDATE 10 %: cdc files with pre/post images
 * t.delete();                                             // v3 DELETE 5 %: cdc file with the deleted rows
 * }</pre>
 *
 * Inserts go through Delta Kernel. Kernel cannot write remove actions with dataChange=true or cdc files
 * on a CDF table, so updates and deletes rewrite the touched Parquet files (Kernel's Parquet writer) and
 * write the commit JSON like Spark does (remove + add + cdc). Memory stays bounded: rows are generated
 * and rewritten in chunks, one data file at a time. Local file systems only; one writer at a time.
 */
public final class InsightsTable {
    /** The table schema: id BIGINT, customer_id STRING, segment STRING, score DOUBLE, churn_risk DECIMAL(5,4),
     *  updated_at TIMESTAMP, features ARRAY&lt;DOUBLE&gt;, attributes MAP&lt;STRING,STRING&gt;, country STRING,
     *  tenure INT, active BOOLEAN, version INT. */
    public static final StructType SCHEMA = InsightsColumns.SCHEMA;
    /** The standard update: 10 % of the rows. */
    public static final IdFilter STANDARD_UPDATE = IdFilter.modulo(10, 0);
    /** The standard delete: 5 % of the rows. */
    public static final IdFilter STANDARD_DELETE = IdFilter.modulo(20, 1);
    /** Rows per data file on insert, as peer-bench's generator. */
    static final int FILE_ROWS = 125_000;
    /** Rows generated at a time. */
    static final int CHUNK_ROWS = 25_000;

    private static final String ENGINE_INFO = "deltabridge-embedded";
    private static final String CHANGE_DATA_DIR = "_change_data";

    private final Path table;
    private final String tablePath;
    private final Engine engine;

    private InsightsTable(Path table, Engine engine) {
        this.table = table.toAbsolutePath();
        this.tablePath = this.table.toString();
        this.engine = engine;
    }

    /** Opens an existing insights table (e.g. to update it again). */
    public static InsightsTable at(Path table) {
        return new InsightsTable(table, DeltaEngines.create(Map.of()));
    }

    /** Creates the table (version 0, CDF on) and inserts ids {@code 0 .. rows-1} (version 1). */
    public static InsightsTable create(Path table, long rows) {
        InsightsTable t = at(table);
        t.createEmpty();
        t.insert(0, rows);
        return t;
    }

    /** peer-bench's workload: {@link #create}, then {@link #update()} (version 2) and {@link #delete()} (version 3). */
    public static InsightsTable createWorkload(Path table, long rows) {
        InsightsTable t = create(table, rows);
        t.update();
        t.delete();
        return t;
    }

    public Path path() {
        return table;
    }

    /** The latest committed version. */
    public long latestVersion() {
        return snapshot().getVersion();
    }

    /** Appends the generated rows for ids {@code fromId .. fromId+count-1} in one commit (Spark-like split into files). */
    public Commit insert(long fromId, long count) {
        Transaction txn = snapshot()
                .buildUpdateTableTransaction(ENGINE_INFO, Operation.WRITE)
                .build(engine);
        Row txnState = txn.getTransactionState(engine);
        DataWriteContext context = Transaction.getWriteContext(engine, txnState, Map.of());
        List<Row> actions = new ArrayList<>();
        int files = (int) Math.max(2, (count + FILE_ROWS - 1) / FILE_ROWS);
        // reused from chunk to chunk: Kernel's Parquet writer is done with a batch before it asks for the next
        BatchBuilder batch = new BatchBuilder(SCHEMA);
        for (int f = 0; f < files; f++) {
            // like Spark's range(from, to, 1, files): slice i holds [i * n / files, (i + 1) * n / files)
            long start = fromId + f * count / files;
            long end = fromId + (f + 1) * count / files;
            if (end == start) {
                continue;
            }
            CloseableIterator<FilteredColumnarBatch> data =
                    Transaction.transformLogicalData(engine, txnState, generated(start, end, batch), Map.of());
            try (CloseableIterator<DataFileStatus> written = engine.getParquetHandler()
                            .writeParquetFiles(context.getTargetDirectory(), data, context.getStatisticsColumns());
                    CloseableIterator<Row> appends =
                            Transaction.generateAppendActions(engine, txnState, written, context)) {
                appends.forEachRemaining(actions::add);
            } catch (IOException e) {
                throw writeFailed(e);
            }
        }
        TransactionCommitResult result =
                txn.commit(engine, CloseableIterable.inMemoryIterable(KernelIterators.of(actions.iterator())));
        runHooks(result);
        return new Commit(result.getVersion(), count);
    }

    /** The standard UPDATE of peer-bench: rows with {@code id % 10 = 0}, {@code updated_at} = now. */
    public Commit update() {
        return updateWhere(STANDARD_UPDATE, Instant.now());
    }

    /**
     * UPDATE ... SET score = round(score * 0.9, 4), churn_risk = least(churn_risk + 0.05, 0.9999),
     * updated_at = {@code updatedAt}, version = 4 for the rows {@code filter} matches. One commit with
     * cdc files holding update_preimage and update_postimage rows. Nothing matched: no commit, rows = 0.
     */
    public Commit updateWhere(IdFilter filter, Instant updatedAt) {
        return rewrite("UPDATE", filter, InsightsRow.toMicros(updatedAt));
    }

    /** The standard DELETE of peer-bench: rows with {@code id % 20 = 1}. */
    public Commit delete() {
        return deleteWhere(STANDARD_DELETE);
    }

    /** DELETE the rows {@code filter} matches, with a cdc file of delete rows. Nothing matched: no commit, rows = 0. */
    public Commit deleteWhere(IdFilter filter) {
        return rewrite("DELETE", filter, null);
    }

    /** A commit this class made: its version and the rows inserted, updated or deleted. */
    public record Commit(long version, long rows) {}

    private void createEmpty() {
        Transaction txn = TableManager.buildCreateTableTransaction(tablePath, SCHEMA, ENGINE_INFO)
                .withTableProperties(Map.of("delta.enableChangeDataFeed", "true"))
                .build(engine);
        runHooks(txn.commit(engine, CloseableIterable.emptyIterable()));
    }

    /** Copy-on-write: every file holding a matching row is rewritten without (delete) or with updated rows. */
    private Commit rewrite(String operation, IdFilter filter, Long updatedAtMicros) {
        boolean update = updatedAtMicros != null;
        Snapshot snapshot = snapshot();
        requireInsightsSchema(snapshot);
        List<Column> statsColumns = statisticsColumns(snapshot);
        String root = snapshot.getPath();
        List<ActiveFile> touched = new ArrayList<>();
        List<DataFileStatus> added = new ArrayList<>();
        List<DataFileStatus> changes = new ArrayList<>();
        long matched = 0;
        long copied = 0;
        // reused from chunk to chunk: Kernel's Parquet writer is done with a batch before it asks for the next
        BatchBuilder dataRows = new BatchBuilder(SCHEMA);
        BatchBuilder cdcRows = new BatchBuilder(InsightsColumns.CDC_SCHEMA);
        for (ActiveFile file : ActiveFile.of(engine, snapshot, root)) {
            long[] counts = countMatches(file, filter);
            if (counts[0] == 0) {
                continue;
            }
            touched.add(file);
            matched += counts[0];
            copied += counts[1] - counts[0];
            if (update || counts[0] < counts[1]) {
                added.addAll(write(
                        tablePath, read(file).map(c -> rewritten(c, filter, updatedAtMicros, dataRows)), statsColumns));
            }
            changes.addAll(write(
                    tablePath + "/" + CHANGE_DATA_DIR,
                    read(file).map(c -> changeRows(c, filter, updatedAtMicros, cdcRows)),
                    List.of()));
        }
        if (matched == 0) {
            return new Commit(snapshot.getVersion(), 0);
        }
        ObjectNode metrics = DeltaCommitFile.metrics()
                .put("numRemovedFiles", Integer.toString(touched.size()))
                .put("numAddedFiles", Integer.toString(added.size()))
                .put("numAddedChangeFiles", Integer.toString(changes.size()))
                .put(update ? "numUpdatedRows" : "numDeletedRows", Long.toString(matched))
                .put("numCopiedRows", Long.toString(copied));
        DeltaCommitFile commit =
                new DeltaCommitFile(operation, filter.sql(), snapshot.getVersion(), metrics, ENGINE_INFO);
        touched.forEach(f -> commit.remove(f.path(), f.size()));
        for (DataFileStatus f : added) {
            commit.add(
                    fileName(f),
                    f.getSize(),
                    f.getModificationTime(),
                    f.getStatistics().map(s -> s.serializeAsJson(SCHEMA)).orElse(null));
        }
        changes.forEach(f -> commit.cdc(CHANGE_DATA_DIR + "/" + fileName(f), f.getSize()));
        long version = snapshot.getVersion() + 1;
        commit.commit(table, version);
        return new Commit(version, matched);
    }

    /** The data rows of one chunk after the update or delete, built in {@code batch} (reset first). */
    private static FilteredColumnarBatch rewritten(
            InsightsColumns rows, IdFilter filter, Long updatedAtMicros, BatchBuilder batch) {
        batch.reset();
        if (updatedAtMicros == null) {
            rows.select(i -> !filter.matches(rows.id[i])).appendTo(batch, null);
        } else {
            for (int i = 0; i < rows.size; i++) {
                if (filter.matches(rows.id[i])) {
                    rows.update(i, updatedAtMicros);
                }
            }
            rows.appendTo(batch, null);
        }
        return unfiltered(batch.build());
    }

    /**
     * The cdc rows of one chunk, built in {@code batch} (reset first): pre- then post-images of the
     * updated rows, or the deleted rows.
     */
    private static FilteredColumnarBatch changeRows(
            InsightsColumns rows, IdFilter filter, Long updatedAtMicros, BatchBuilder batch) {
        InsightsColumns matching = rows.select(i -> filter.matches(rows.id[i]));
        batch.reset();
        if (updatedAtMicros == null) {
            matching.appendTo(batch, "delete");
        } else {
            matching.appendTo(batch, "update_preimage");
            for (int i = 0; i < matching.size; i++) {
                matching.update(i, updatedAtMicros);
            }
            matching.appendTo(batch, "update_postimage");
        }
        return unfiltered(batch.build());
    }

    /** [matching rows, all rows] of a data file, reading only the id column. */
    private long[] countMatches(ActiveFile file, IdFilter filter) {
        long[] counts = new long[2];
        try (CloseableIterator<FileReadResult> results = engine.getParquetHandler()
                .readParquetFiles(
                        KernelIterators.single(file.status()),
                        new StructType().add("id", LongType.LONG, true),
                        Optional.empty())) {
            while (results.hasNext()) {
                ColumnarBatch batch = results.next().getData();
                var ids = batch.getColumnVector(0);
                for (int i = 0; i < batch.getSize(); i++) {
                    counts[1]++;
                    if (filter.matches(ids.getLong(i))) {
                        counts[0]++;
                    }
                }
            }
        } catch (IOException e) {
            throw readFailed(file, e);
        }
        return counts;
    }

    /** The file's rows, one chunk per Parquet batch, read lazily. */
    private CloseableIterator<InsightsColumns> read(ActiveFile file) {
        try {
            return engine.getParquetHandler()
                    .readParquetFiles(KernelIterators.single(file.status()), SCHEMA, Optional.empty())
                    .map(r -> InsightsColumns.read(r.getData()));
        } catch (IOException e) {
            throw readFailed(file, e);
        }
    }

    /** Writes the non-empty batches as Parquet files under {@code directory}, with statistics of {@code statsColumns}. */
    private List<DataFileStatus> write(
            String directory, CloseableIterator<FilteredColumnarBatch> batches, List<Column> statsColumns) {
        List<DataFileStatus> files = new ArrayList<>();
        CloseableIterator<FilteredColumnarBatch> nonEmpty =
                batches.filter(b -> b.getData().getSize() > 0);
        try (CloseableIterator<DataFileStatus> written =
                engine.getParquetHandler().writeParquetFiles(directory, nonEmpty, statsColumns)) {
            written.forEachRemaining(files::add);
        } catch (IOException e) {
            throw writeFailed(e);
        }
        return files;
    }

    /** The generated rows for ids {@code start .. end-1}, a chunk at a time, each built in {@code batch} (reset first). */
    private CloseableIterator<FilteredColumnarBatch> generated(long start, long end, BatchBuilder batch) {
        return KernelIterators.of(new Iterator<>() {
            private long next = start;

            @Override
            public boolean hasNext() {
                return next < end;
            }

            @Override
            public FilteredColumnarBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int n = (int) Math.min(CHUNK_ROWS, end - next);
                batch.reset();
                InsightsColumns.generate(next, n).appendTo(batch, null);
                next += n;
                return unfiltered(batch.build());
            }
        });
    }

    private List<Column> statisticsColumns(Snapshot snapshot) {
        // the same statistics Kernel collects on insert; the transaction is only asked, never committed
        Transaction probe = snapshot.buildUpdateTableTransaction(ENGINE_INFO, Operation.WRITE)
                .build(engine);
        return Transaction.getWriteContext(engine, probe.getTransactionState(engine), Map.of())
                .getStatisticsColumns();
    }

    private void requireInsightsSchema(Snapshot snapshot) {
        if (!snapshot.getSchema().equivalent(SCHEMA)) {
            throw Problem.of("The Delta table at %s is not an insights table", table)
                    .because("its schema is %s", snapshot.getSchema())
                    .fix("point InsightsTable at a table it created")
                    .data();
        }
    }

    private Snapshot snapshot() {
        return TableManager.loadSnapshot(tablePath).build(engine);
    }

    private void runHooks(TransactionCommitResult result) {
        for (PostCommitHook hook : result.getPostCommitHooks()) {
            try {
                hook.threadSafeInvoke(engine);
            } catch (IOException e) {
                throw writeFailed(e);
            }
        }
    }

    private static String fileName(DataFileStatus file) {
        String p = file.getPath();
        return p.substring(p.lastIndexOf('/') + 1);
    }

    private static FilteredColumnarBatch unfiltered(ColumnarBatch batch) {
        return new FilteredColumnarBatch(batch, Optional.empty());
    }

    private RuntimeException writeFailed(IOException e) {
        return Problem.of("Could not write the insights table at %s", table)
                .because("%s", e.getMessage())
                .fix("check that the directory is writable and the disk has space")
                .runtime(e);
    }

    private RuntimeException readFailed(ActiveFile file, IOException e) {
        return Problem.of("Could not read %s of the insights table at %s", file.path(), table)
                .because("%s", e.getMessage())
                .fix("the table may have been changed by another writer: recreate it")
                .runtime(e);
    }
}
