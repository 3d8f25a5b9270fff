package io.deltabridge.k2d.delta;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Scan;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.ColumnMapping;
import io.delta.kernel.internal.util.PartitionUtils;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;
import io.deltabridge.core.delta.KernelIterators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Reading a scan's files and writing rows into a table (one Kernel write per partition value), with Kernel. */
final class TableFiles {
    private TableFiles() {}

    /** Calls {@code action} with every scan file row of {@code scan}. */
    static void forEachFile(Engine engine, Scan scan, Consumer<Row> action) {
        forEachFile(scan.getScanFiles(engine), action);
    }

    /** Calls {@code action} with every scan file row of {@code scanFiles} (a scan's files), then closes them. */
    static void forEachFile(CloseableIterator<FilteredColumnarBatch> scanFiles, Consumer<Row> action) {
        try (CloseableIterator<FilteredColumnarBatch> files = scanFiles) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> rows = files.next().getRows()) {
                    rows.forEachRemaining(action);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The logical rows of one scan file (deletion vectors applied as selection vectors). */
    static CloseableIterator<FilteredColumnarBatch> read(Engine engine, Row scanState, Row scanFile) {
        FileStatus status = InternalScanFileUtils.getAddFileStatus(scanFile);
        try {
            CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler()
                    .readParquetFiles(
                            KernelIterators.single(status),
                            ScanStateRow.getPhysicalDataReadSchema(scanState),
                            Optional.empty())
                    .map(r -> r.getData());
            return Scan.transformPhysicalData(engine, scanState, scanFile, physical);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the selected rows, all of the partition {@code partitionValues} (empty: unpartitioned), as Parquet files of the
     * table (rolled at the target size); nothing is committed.
     */
    static PendingWrite.FileGroup write(
            Engine engine,
            Transaction txn,
            Map<String, Literal> partitionValues,
            CloseableIterator<FilteredColumnarBatch> rows) {
        Row state = txn.getTransactionState(engine);
        DataWriteContext context = Transaction.getWriteContext(engine, state, partitionValues);
        List<DataFileStatus> written = new ArrayList<>();
        try (CloseableIterator<DataFileStatus> out = engine.getParquetHandler()
                .writeParquetFiles(
                        context.getTargetDirectory(),
                        Transaction.transformLogicalData(engine, state, rows, partitionValues),
                        context.getStatisticsColumns())) {
            out.forEachRemaining(written::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PendingWrite.FileGroup(partitionValues, written);
    }

    /**
     * Writes the selected rows of {@code rows} (of the table's logical columns), one write per partition value, and puts
     * the keys of each file written into {@code keys}' index.
     */
    static List<PendingWrite.FileGroup> writeByPartition(
            Engine engine, Transaction txn, FilteredColumnarBatch rows, FileKeys keys) {
        List<PendingWrite.FileGroup> groups = new ArrayList<>();
        for (Partitions.Split split : Partitions.split(rows.getData(), txn.getPartitionColumns(engine))) {
            Optional<ColumnVector> selected = Selection.both(rows.getSelectionVector(), split.selection());
            if (selected.isPresent() && Selection.none(selected.get())) {
                continue; // e.g. the partition values of deletes, which are not written
            }
            FilteredColumnarBatch partition = keys.observe(new FilteredColumnarBatch(rows.getData(), selected));
            groups.add(
                    keys.indexWritten(write(engine, txn, split.partitionValues(), KernelIterators.single(partition))));
        }
        return groups;
    }

    /** The partition values of a scan file, by logical column name, as a write of rows of that partition takes them. */
    static Map<String, Literal> partitionValues(Row scanFile, StructType schema, List<String> partitionColumns) {
        Map<String, String> stored = InternalScanFileUtils.getPartitionValues(scanFile); // by physical name
        Map<String, Literal> values = new HashMap<>();
        for (String column : partitionColumns) {
            StructField field = schema.fields().stream()
                    .filter(f -> f.getName().equalsIgnoreCase(column))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "partition column " + column + " is not in " + schema.fieldNames()));
            values.put(
                    field.getName(),
                    PartitionUtils.literalForPartitionValue(
                            field.getDataType(), stored.get(ColumnMapping.getPhysicalName(field))));
        }
        return values;
    }
}
