package io.deltabridge.core.delta;

import io.delta.storage.HadoopFileSystemLogStore;
import io.deltabridge.core.error.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A Delta log store for local (and mounted) file systems that several writers can share: {@code _delta_log/N.json}
 * is written whole to a hidden temporary file, then made visible with a hard link, which the operating system
 * refuses atomically when N.json exists. Kernel's default for {@code file:}, the HDFS store, checks that N.json
 * is absent and then renames, and a local rename replaces: two writers racing for version N can both be told
 * they committed it, and the records of the replaced commit are lost.
 */
public class LocalExclusiveLogStore extends HadoopFileSystemLogStore {
    public LocalExclusiveLogStore(Configuration hadoopConf) {
        super(hadoopConf);
    }

    @Override
    public void write(Path path, Iterator<String> actions, Boolean overwrite, Configuration hadoopConf)
            throws IOException {
        java.net.URI uri = path.toUri();
        java.nio.file.Path target =
                uri.getScheme() == null ? java.nio.file.Path.of(uri.getPath()) : java.nio.file.Path.of(uri);
        if (!overwrite && Files.exists(target)) {
            throw new FileAlreadyExistsException(path.toString()); // the usual case of a lost race: no temporary file
        }
        java.nio.file.Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            writeDurably(temp, actions);
            if (overwrite) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                link(target, temp);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * True: a commit file appears whole (through the link), but Kernel asks this of the other files it writes, Parquet
     * checkpoints, and a local file is visible while it is written, so they must go to a temporary name first (a reader
     * listing the log meanwhile would find a checkpoint without its footer).
     */
    @Override
    public Boolean isPartialWriteVisible(Path path, Configuration hadoopConf) {
        return true;
    }

    private static void writeDurably(java.nio.file.Path file, Iterator<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (lines.hasNext()) {
                ByteBuffer line = ByteBuffer.wrap((lines.next() + "\n").getBytes(StandardCharsets.UTF_8));
                while (line.hasRemaining()) {
                    out.write(line);
                }
            }
            out.force(true); // a commit others may read and build on must survive a crash of the machine
        }
    }

    /** Creates {@code target} as a second name of {@code temp}; throws FileAlreadyExistsException when it exists. */
    private static void link(java.nio.file.Path target, java.nio.file.Path temp) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileSystemException e) {
            if (e.getClass() != FileSystemException.class) {
                throw e; // already exists, access denied, no such file: what any commit can meet, reported as such
            }
            throw noHardLinks(target, e); // EPERM / ENOTSUP: the file system makes no hard links
        } catch (UnsupportedOperationException e) {
            throw noHardLinks(target, e);
        }
    }

    private static RuntimeException noHardLinks(java.nio.file.Path target, Exception e) {
        return Problem.of("Could not create the Delta commit %s as a hard link", target)
                .because(
                        "a commit is created with a hard link, which fails when another writer created it first, so two "
                                + "writers never replace each other's commits; the file system refused it (%s)",
                        e.getMessage())
                .fix(
                        "put the table on a file system with hard links (any local Linux, macOS or Windows file system, NFS), "
                                + "or run ONE writer: set delta: { io.delta.kernel.logStore.file.impl: io.delta.storage.HDFSLogStore } "
                                + "and `single-writer: true` on the mapping")
                .config(e);
    }
}
