package io.deltabridge.k2d.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.engine.Engine;
import io.deltabridge.core.delta.DeltaEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes to a {@code file://} table start no process. Without Hadoop's native library its local file system set the
 * permissions of every file and directory it made by running {@code chmod}, a fork of the whole JVM per Parquet file,
 * per checksum file and per partition directory: most of the time of a write into many partitions. A child JVM whose
 * {@code PATH} holds no program writes a partitioned table; the files keep the permissions Hadoop gives them.
 */
class LocalWritesTest {
    @Test
    void aPartitionedWriteRunsNoProgramAndKeepsHadoopsPermissions(@TempDir Path dir) throws Exception {
        Path table = dir.resolve("t");
        Path noPrograms = Files.createDirectory(dir.resolve("empty-path"));
        Path output = dir.resolve("child.log");
        ProcessBuilder child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        PartitionedWrite.class.getName(),
                        table.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        child.environment().put("PATH", noPrograms.toString());
        Process process = child.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the write ends within 120 s");
        assertEquals(0, process.exitValue(), "the write succeeds with no program to run:\n" + Files.readString(output));

        assertEquals(
                1,
                DeltaAppender.latest(DeltaEngines.create(Map.of()), table.toString())
                        .orElseThrow()
                        .getVersion());
        List<Path> dataFiles;
        try (Stream<Path> files = Files.walk(table)) {
            dataFiles = files.filter(f -> f.toString().endsWith(".parquet")).toList();
        }
        assertEquals(2, dataFiles.size(), "one file per partition value: " + dataFiles);
        for (Path file : dataFiles) {
            // Hadoop's defaults: files 666 and directories 777, less the umask 022
            assertEquals(
                    "rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
            assertEquals(
                    "rwxr-xr-x",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())),
                    file.getParent().toString());
        }
    }

    /** The child: creates a table partitioned by {@code day} and commits 10 rows in two partitions. */
    public static final class PartitionedWrite {
        public static void main(String[] args) {
            Engine engine = DeltaEngines.create(Map.of());
            DeltaAppender appender =
                    DeltaAppender.create(engine, args[0], DeltaAppenderTest.SCHEMA, List.of("day"), Map.of(), "d.a");
            appender.commit(
                    appender.write(DeltaAppenderTest.rows(0, 10).build()),
                    Map.of(),
                    Map.of(new TopicPartition("t", 0), 10L));
        }
    }
}
