package io.deltabridge.core.delta;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.defaults.engine.fileio.FileIO;
import io.delta.kernel.defaults.engine.hadoopio.HadoopFileIO;
import io.delta.kernel.engine.Engine;
import io.deltabridge.core.parquet.BridgeEngine;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that builds a Delta Kernel {@link Engine}: the {@code delta:} settings become the Hadoop configuration. */
public final class DeltaEngines {
    private static final Logger log = LoggerFactory.getLogger(DeltaEngines.class);

    /** Kernel reads Parquet in batches of this many rows unless the mapping file says otherwise. */
    static final String PARQUET_BATCH_SIZE = "delta.kernel.default.parquet.reader.batch-size";

    /**
     * Kernel's default of 1024 rows makes per-batch overhead (vector setup, selection, encoder
     * dispatch) a visible share of the CPU per row; 8192 amortises it while a batch of the
     * widest rows stays a few MiB.
     */
    static final int DEFAULT_PARQUET_BATCH_SIZE = 8192;

    /** parquet-mr's row group size, which Kernel's Parquet writer takes from the Hadoop configuration. */
    static final String ROW_GROUP_SIZE = "parquet.block.size";

    /**
     * A Parquet writer holds a whole row group in memory until it is full, so its size, not the table's, is what a
     * write needs of the heap: parquet-mr's 128 MiB made a copy-on-write rewrite (files of {@code target-file-size})
     * fail in a 192 MiB heap. 32 MiB row groups keep files of any target size writable in a small heap, and readers
     * still skip and read them by column efficiently.
     */
    static final long DEFAULT_ROW_GROUP_SIZE = 32L << 20;

    /** Where Kernel looks for a scheme's log store class. */
    static final String LOG_STORE_KEY = "io.delta.kernel.logStore.%s.impl";

    /** The Hadoop key of the class of the {@code file:} file system. */
    static final String LOCAL_FILE_SYSTEM_KEY = "fs.file.impl";

    /** S3 schemes whose commits go through {@link S3ConditionalLogStore} unless the mapping file names another store. */
    static final List<String> CONDITIONAL_S3_SCHEMES = List.of("s3a", "s3");

    private DeltaEngines() {}

    public static Engine create(Map<String, String> settings) {
        Configuration hadoopConf = hadoopConfiguration(settings);
        FileIO io = new HadoopFileIO(hadoopConf);
        return new BridgeEngine(DefaultEngine.create(io), hadoopConf, io);
    }

    /**
     * The storage of an engine {@link #create} built, with its {@code delta:} settings, to write files Kernel has no
     * writer for (deletion vectors); for any other engine, storage of the bridge's default settings.
     */
    public static FileIO fileIO(Engine engine) {
        return engine instanceof BridgeEngine bridge
                ? bridge.fileIO()
                : new HadoopFileIO(hadoopConfiguration(Map.of()));
    }

    /** The Hadoop configuration of the engines: the mapping file's {@code delta:} settings over the bridge's defaults. */
    static Configuration hadoopConfiguration(Map<String, String> settings) {
        Configuration hadoopConf = new Configuration();
        hadoopConf.setInt(PARQUET_BATCH_SIZE, DEFAULT_PARQUET_BATCH_SIZE);
        hadoopConf.setLong(ROW_GROUP_SIZE, DEFAULT_ROW_GROUP_SIZE);
        // several bridge instances may commit to one table: on S3 only a conditional PUT keeps each commit
        CONDITIONAL_S3_SCHEMES.forEach(
                scheme -> hadoopConf.set(LOG_STORE_KEY.formatted(scheme), S3ConditionalLogStore.class.getName()));
        // and on a local or mounted file system only a hard link does (a local rename replaces an existing commit)
        hadoopConf.set(LOG_STORE_KEY.formatted("file"), LocalExclusiveLogStore.class.getName());
        hadoopConf.set(LOCAL_FILE_SYSTEM_KEY, NioLocalFileSystem.class.getName());
        settings.forEach(hadoopConf::set);
        CONDITIONAL_S3_SCHEMES.stream()
                .filter(scheme -> settings.containsKey(LOG_STORE_KEY.formatted(scheme)))
                .forEach(scheme -> log.warn(
                        "{}:// tables commit through {} (set under 'delta:'): unless it excludes writers of other processes, run ONE "
                                + "writer per table; several kafka → delta instances of one table can then lose and duplicate records "
                                + "(docs/object-stores.md)",
                        scheme,
                        settings.get(LOG_STORE_KEY.formatted(scheme))));
        return hadoopConf;
    }
}
