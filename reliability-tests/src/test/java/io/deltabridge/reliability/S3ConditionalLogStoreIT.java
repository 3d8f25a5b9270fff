package io.deltabridge.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.storage.LogStore;
import io.deltabridge.core.delta.S3ConditionalLogStore;
import io.deltabridge.core.error.BridgeException;
import io.deltabridge.testkit.S3Server;
import io.deltabridge.testkit.S3ServerExtension;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log store the bridge uses for s3a:// tables, against a real S3 API server through hadoop-aws:
 * a commit file that exists (written by another writer, another process) is never replaced, and the
 * refusal comes from the server's answer to the conditional PUT, not from a check before writing.
 */
@ExtendWith(S3ServerExtension.class)
class S3ConditionalLogStoreIT {

    @Test
    void aSecondWriterOfOneCommitIsRefusedAndTheFirstCommitStays(S3Server s3) throws Exception {
        Configuration conf = conf(s3);
        org.apache.hadoop.fs.Path commit =
                new org.apache.hadoop.fs.Path(s3.uri("refused/_delta_log/00000000000000000001.json"));
        // two stores: what two processes would have (S3SingleDriverLogStore's guard is per JVM)
        new S3ConditionalLogStore(conf).write(commit, List.of("{\"writer\":1}").iterator(), false, conf);
        assertThrows(
                FileAlreadyExistsException.class,
                () -> new S3ConditionalLogStore(conf)
                        .write(commit, List.of("{\"writer\":2}").iterator(), false, conf));
        assertEquals(List.of("{\"writer\":1}"), read(new S3ConditionalLogStore(conf), commit, conf));
    }

    @Test
    void aFileSystemWithoutConditionalCreateIsRefusedNotUsedUnsafely(@TempDir Path dir) {
        Configuration conf = new Configuration();
        org.apache.hadoop.fs.Path commit =
                new org.apache.hadoop.fs.Path(dir.toUri().toString(), "_delta_log/00000000000000000000.json");
        BridgeException e = assertThrows(
                BridgeException.class,
                () -> new S3ConditionalLogStore(conf)
                        .write(commit, List.of("{}").iterator(), false, conf));
        assertTrue(e.getMessage().contains("only if it is absent"), e.getMessage());
        assertFalse(new java.io.File(dir.toFile(), "_delta_log/00000000000000000000.json").exists());
    }

    private static Configuration conf(S3Server s3) {
        Configuration conf = new Configuration();
        s3.s3aSettings().forEach(conf::set);
        return conf;
    }

    private static List<String> read(LogStore store, org.apache.hadoop.fs.Path path, Configuration conf)
            throws Exception {
        List<String> lines = new ArrayList<>();
        try (var it = store.read(path, conf)) {
            it.forEachRemaining(lines::add);
        }
        return lines;
    }
}
