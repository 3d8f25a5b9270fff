package io.deltabridge.bench.k2d;

import io.delta.kernel.Operation;
import io.delta.kernel.TableManager;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.hook.PostCommitHook;
import io.delta.kernel.utils.CloseableIterable;
import io.deltabridge.core.delta.DeltaEngines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** The table an upsert run of the benchmark changes: deletion vectors turned on, and the bytes of its files. */
final class UpsertTarget {
    private UpsertTarget() {}

    /**
     * Turns deletion vectors on ({@code delta.enableDeletionVectors=true}, which adds the table feature), as {@code
     * ALTER TABLE ... SET TBLPROPERTIES} does: the upserts into it are then merge-on-read.
     */
    static void enableDeletionVectors(Path table) throws IOException {
        Engine engine = DeltaEngines.create(Map.of());
        TransactionCommitResult result = TableManager.loadSnapshot(table.toString())
                .build(engine)
                .buildUpdateTableTransaction("deltabridge-bench", Operation.MANUAL_UPDATE)
                .withTablePropertiesAdded(Map.of("delta.enableDeletionVectors", "true"))
                .build(engine)
                .commit(engine, CloseableIterable.emptyIterable());
        // the checksum of this version, as every writer leaves one: without it, the next commit's would be computed
        // from the whole log, which Kernel 4.4 fails to do on a table with deletion vectors
        for (PostCommitHook hook : result.getPostCommitHooks()) {
            hook.threadSafeInvoke(engine);
        }
    }

    /** Bytes of the table's data and deletion vector files (not its log). */
    static long dataBytes(Path table) throws IOException {
        try (Stream<Path> files = Files.walk(table)) {
            long bytes = 0;
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)
                        && !table.relativize(f).startsWith("_delta_log")
                        && !f.getFileName().toString().endsWith(".crc")) {
                    bytes += Files.size(f);
                }
            }
            return bytes;
        }
    }
}
