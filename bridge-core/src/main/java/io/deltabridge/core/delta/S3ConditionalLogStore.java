package io.deltabridge.core.delta;

import io.delta.storage.HadoopFileSystemLogStore;
import io.deltabridge.core.error.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSDataOutputStreamBuilder;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A Delta log store for S3 that several writers (processes, hosts) can share: {@code _delta_log/N.json}
 * is created with an S3 conditional write ({@code If-None-Match: *}, through S3A's conditional create,
 * hadoop-aws 3.4.2+), so when two writers race for version N exactly one PUT succeeds and the other
 * gets the {@link java.nio.file.FileAlreadyExistsException} on which Kernel resolves the conflict and
 * retries at N+1. Kernel's default for S3, {@code S3SingleDriverLogStore}, only excludes writers of
 * one JVM: across processes both PUTs succeed, the later silently replaces the earlier commit, and its
 * records are lost (its offsets may be committed again by another instance: duplicates).
 *
 * <p>A file system that cannot do conditional create refuses the option ({@code must}), so the bridge
 * fails instead of writing unsafely.
 */
public class S3ConditionalLogStore extends HadoopFileSystemLogStore {
    /** S3A's createFile() option for "create only if absent" (If-None-Match: *). */
    static final String CONDITIONAL_CREATE = "fs.option.create.conditional.overwrite";

    public S3ConditionalLogStore(Configuration hadoopConf) {
        super(hadoopConf);
    }

    @Override
    public void write(Path path, Iterator<String> actions, Boolean overwrite, Configuration hadoopConf)
            throws IOException {
        FileSystem fs = path.getFileSystem(hadoopConf);
        if (overwrite) {
            try (FSDataOutputStream out = fs.create(path, true)) {
                writeLines(out, actions);
            }
            return;
        }
        FSDataOutputStream out = openIfAbsent(fs, path);
        try {
            writeLines(out, actions);
            out.close();
        } catch (IOException e) {
            if (isPreconditionFailed(e)) {
                throw alreadyExists(path, e);
            }
            throw e;
        } finally {
            out.close(); // a second close is a no-op; after a failed write it releases the stream
        }
    }

    @Override
    public Boolean isPartialWriteVisible(Path path, Configuration hadoopConf) {
        return false; // an S3 object appears whole at the end of its PUT, or not at all
    }

    private static FSDataOutputStream openIfAbsent(FileSystem fs, Path path) throws IOException {
        FSDataOutputStreamBuilder<?, ?> create =
                fs.createFile(path); // without OVERWRITE: an existing file is refused at once
        try {
            create.must(CONDITIONAL_CREATE, true);
            return create.build();
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            throw alreadyExists(path, e);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw Problem.of("The file system of %s cannot create a file only if it is absent", path)
                    .because(
                            "%s refused %s (%s); without it two writers can overwrite each other's Delta commit",
                            fs.getClass().getSimpleName(), CONDITIONAL_CREATE, e.getMessage())
                    .fix(
                            "use s3a:// with hadoop-aws 3.4.2 or newer (bin/bridge-plugins install s3), or run a single writer and "
                                    + "set delta: { io.delta.kernel.logStore.%s.impl: io.delta.storage.S3SingleDriverLogStore } "
                                    + "and `single-writer: true` on the mapping",
                            path.toUri().getScheme())
                    .config(e);
        }
    }

    private static void writeLines(FSDataOutputStream out, Iterator<String> lines) throws IOException {
        while (lines.hasNext()) {
            out.write((lines.next() + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** S3A reports the 412 of a conditional PUT as a RemoteFileChangedException (hadoop-aws is a plugin: matched by name). */
    private static boolean isPreconditionFailed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t.getClass().getSimpleName().equals("RemoteFileChangedException")
                    || message.contains("PreconditionFailed")
                    || message.contains("412")) {
                return true;
            }
        }
        return false;
    }

    private static java.nio.file.FileAlreadyExistsException alreadyExists(Path path, Exception cause) {
        java.nio.file.FileAlreadyExistsException e = new java.nio.file.FileAlreadyExistsException(path.toString());
        e.initCause(cause);
        return e;
    }
}
