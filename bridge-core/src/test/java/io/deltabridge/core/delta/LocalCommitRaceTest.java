package io.deltabridge.core.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.defaults.internal.logstore.LogStoreProvider;
import io.delta.storage.LogStore;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers of one local table (two bridge instances, or two Connect tasks) race for the same commit
 * files: creating {@code N.json} must succeed for exactly one of them, or the other's commit, believed
 * made, is silently replaced and its records lost.
 */
class LocalCommitRaceTest {
    private static final int VERSIONS = 300;

    @TempDir
    Path dir;

    @Test
    void exactlyOneOfTwoWritersCreatesEachCommit() throws Exception {
        Path log = Files.createDirectories(dir.resolve("_delta_log"));
        // one store object each, as two processes have
        LogStore first = engineStore();
        LogStore second = engineStore();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int v = 0; v < VERSIONS; v++) {
                org.apache.hadoop.fs.Path commit = new org.apache.hadoop.fs.Path(
                        log.resolve("%020d.json".formatted(v)).toUri());
                Future<Boolean> a = threads.submit(() -> create(first, commit, "writer-a", start));
                Future<Boolean> b = threads.submit(() -> create(second, commit, "writer-b", start));
                boolean madeByA = a.get();
                boolean madeByB = b.get();
                assertTrue(
                        madeByA ^ madeByB,
                        "version " + v + ": created by " + (madeByA ? "both writers" : "neither writer"));
                assertEquals(
                        madeByA ? "writer-a\n" : "writer-b\n",
                        Files.readString(Path.of(commit.toUri())),
                        "version " + v + " holds the commit of the writer that was told it made it");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Kernel writes Parquet checkpoints straight to their name when the store says partial writes are not visible: a
     * reader listing the log meanwhile found a checkpoint without its footer ("is not a Parquet file", ConcurrentWritersIT).
     */
    @Test
    void checkpointsAreWrittenUnderATemporaryName() throws Exception {
        org.apache.hadoop.fs.Path checkpoint =
                new org.apache.hadoop.fs.Path(dir.resolve("_delta_log/00000000000000000010.checkpoint.parquet")
                        .toUri());
        assertTrue(engineStore().isPartialWriteVisible(checkpoint, new Configuration()));
    }

    private static boolean create(LogStore store, org.apache.hadoop.fs.Path commit, String content, CyclicBarrier start)
            throws Exception {
        start.await();
        Iterator<String> actions = List.of(content).iterator();
        try {
            store.write(commit, actions, false, new Configuration());
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /** The store Kernel commits local tables through in the bridge's engines. */
    private static LogStore engineStore() {
        return LogStoreProvider.getLogStore(DeltaEngines.hadoopConfiguration(Map.of()), "file");
    }
}
