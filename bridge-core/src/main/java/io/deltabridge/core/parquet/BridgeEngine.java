package io.deltabridge.core.parquet;

import io.delta.kernel.defaults.engine.fileio.FileIO;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.ExpressionHandler;
import io.delta.kernel.engine.FileSystemClient;
import io.delta.kernel.engine.JsonHandler;
import io.delta.kernel.engine.MetricsReporter;
import io.delta.kernel.engine.ParquetHandler;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** Kernel's default engine with the bridge's {@link ColumnarParquetHandler} in place of its Parquet handler. */
public final class BridgeEngine implements Engine {
    private final Engine kernelDefault;
    private final FileIO io;
    private final ParquetHandler parquet;

    /**
     * {@code kernelDefault} is Kernel's default engine over {@code io}, which the bridge's own writers also use;
     * {@code hadoopConf} is the configuration of {@code io}.
     */
    public BridgeEngine(Engine kernelDefault, Configuration hadoopConf, FileIO io) {
        this.kernelDefault = kernelDefault;
        this.io = io;
        this.parquet = new ColumnarParquetHandler(kernelDefault.getParquetHandler(), hadoopConf, io);
    }

    /** The storage Kernel reads and writes through, for the files Kernel has no writer for (deletion vectors). */
    public FileIO fileIO() {
        return io;
    }

    @Override
    public ExpressionHandler getExpressionHandler() {
        return kernelDefault.getExpressionHandler();
    }

    @Override
    public JsonHandler getJsonHandler() {
        return kernelDefault.getJsonHandler();
    }

    @Override
    public FileSystemClient getFileSystemClient() {
        return kernelDefault.getFileSystemClient();
    }

    @Override
    public ParquetHandler getParquetHandler() {
        return parquet;
    }

    @Override
    public List<MetricsReporter> getMetricsReporters() {
        return kernelDefault.getMetricsReporters();
    }
}
