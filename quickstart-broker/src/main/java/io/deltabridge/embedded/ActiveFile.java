package io.deltabridge.embedded;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A data file of the table's current snapshot: {@code path} as written in the log (relative to the
 * table root), {@code status} with the absolute location to read it from.
 */
record ActiveFile(String path, long size, FileStatus status) {

    /** Every data file of the snapshot (from Kernel's scan files; tables with deletion vectors are not supported). */
    static List<ActiveFile> of(Engine engine, Snapshot snapshot, String tableRoot) {
        Scan scan = snapshot.getScanBuilder().build();
        List<ActiveFile> files = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                    while (rows.hasNext()) {
                        files.add(from(rows.next(), tableRoot));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static ActiveFile from(Row scanFile, String tableRoot) {
        Row add = scanFile.getStruct(scanFile.getSchema().indexOf("add"));
        StructType addSchema = add.getSchema();
        int dv = addSchema.indexOf("deletionVector");
        if (dv >= 0 && !add.isNullAt(dv)) {
            throw new IllegalStateException("data file " + add.getString(addSchema.indexOf("path"))
                    + " has a deletion vector: InsightsTable rewrites only tables without them");
        }
        String path = add.getString(addSchema.indexOf("path"));
        long size = add.getLong(addSchema.indexOf("size"));
        long modificationTime = add.getLong(addSchema.indexOf("modificationTime"));
        URI uri = URI.create(path);
        String absolute = uri.isAbsolute()
                ? path
                : URI.create(tableRoot + "/").resolve(uri).toString();
        String relative =
                uri.isAbsolute() ? URI.create(tableRoot + "/").relativize(uri).toString() : path;
        return new ActiveFile(relative, size, FileStatus.of(absolute, size, modificationTime));
    }
}
