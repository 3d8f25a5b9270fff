package io.deltabridge.bench.codec;

import io.delta.kernel.data.ColumnarBatch;
import io.deltabridge.core.codec.json.JsonRowEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * ns per row of {@link JsonRowEncoder} on the insights row (~300 B of JSON), from vectors as
 * Kernel's Parquet reader returns them. Run:
 * {@code java -cp <benchmarks classpath> org.openjdk.jmh.Main JsonRowEncoderBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx512m"})
public class JsonRowEncoderBench {
    /** Kernel's Parquet reader returns batches of 1024 rows by default. */
    private static final int ROWS = 1024;

    private ColumnarBatch batch;
    private JsonRowEncoder encoder;

    @Setup
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("jsonbench");
        batch = InsightsRows.readBack(ROWS, dir);
        encoder = new JsonRowEncoder(InsightsRows.SCHEMA);
    }

    /** One operation is one row. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void encodeRow(Blackhole bh) {
        for (int r = 0; r < ROWS; r++) {
            bh.consume(encoder.encode(batch, r));
        }
    }
}
