package io.deltabridge.k2d.delta;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Scan;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;
import io.deltabridge.core.delta.KernelIterators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Reading a scan's files and writing rows into an unpartitioned table, with Kernel. */
final class TableFiles {
    private TableFiles() {}

    /** Calls {@code action} with every scan file row of {@code scan}. */
    static void forEachFile(Engine engine, Scan scan, Consumer<Row> action) {
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
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
                    .readParquetFiles(KernelIterators.single(status), ScanStateRow.getPhysicalDataReadSchema(scanState), Optional.empty())
                    .map(r -> r.getData());
            return Scan.transformPhysicalData(engine, scanState, scanFile, physical);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the selected rows as Parquet files of the table (rolled at the target size); nothing is committed. */
    static List<DataFileStatus> write(Engine engine, Transaction txn, CloseableIterator<FilteredColumnarBatch> rows) {
        Row state = txn.getTransactionState(engine);
        DataWriteContext context = Transaction.getWriteContext(engine, state, Map.of());
        List<DataFileStatus> written = new ArrayList<>();
        try (CloseableIterator<DataFileStatus> out = engine.getParquetHandler().writeParquetFiles(context.getTargetDirectory(),
                Transaction.transformLogicalData(engine, state, rows, Map.of()), context.getStatisticsColumns())) {
            out.forEachRemaining(written::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }
}
