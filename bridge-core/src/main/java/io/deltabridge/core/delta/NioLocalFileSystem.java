package io.deltabridge.core.delta;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The engines' {@code file:} file system: Hadoop's, checksums included, except that it sets permissions through
 * {@code java.nio}. Without Hadoop's native library (which the bridge does not ship) Hadoop runs {@code chmod} in a
 * child process for every file and directory it makes, Parquet files, their checksums and partition directories: a
 * fork of the whole JVM each time, most of the time of a write into many partitions. The permissions are the same.
 */
public final class NioLocalFileSystem extends LocalFileSystem {
    public NioLocalFileSystem() {
        super(new Raw());
    }

    /** The file system under the checksums. */
    static final class Raw extends RawLocalFileSystem {
        private static final boolean POSIX =
                FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

        @Override
        public void setPermission(Path path, FsPermission permission) throws IOException {
            if (!POSIX || permission.getStickyBit()) {
                super.setPermission(path, permission); // what java.nio cannot set
                return;
            }
            String symbols = permission.getUserAction().SYMBOL
                    + permission.getGroupAction().SYMBOL
                    + permission.getOtherAction().SYMBOL;
            Files.setPosixFilePermissions(pathToFile(path).toPath(), PosixFilePermissions.fromString(symbols));
        }
    }
}
