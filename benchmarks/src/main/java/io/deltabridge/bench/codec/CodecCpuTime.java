package io.deltabridge.bench.codec;

import io.delta.kernel.data.ColumnarBatch;
import io.deltabridge.core.codec.json.JsonRowDecoder;
import io.deltabridge.core.codec.json.JsonRowEncoder;
import io.deltabridge.core.vector.BatchBuilder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;

/**
 * CPU nanoseconds per insights row for JSON encode (from Kernel-read vectors) and decode (into a
 * BatchBuilder), measured with the thread's CPU clock: unlike JMH's wall-clock average it stays
 * meaningful on a shared, overloaded machine. {@code java -cp <benchmarks classpath>
 * io.deltabridge.bench.codec.CodecCpuTime}
 */
public final class CodecCpuTime {
    private static final int ROWS = 1024;
    private static final int REPS = 1000;

    private CodecCpuTime() {}

    public static void main(String[] args) throws Exception {
        ColumnarBatch batch = InsightsRows.readBack(ROWS, Files.createTempDirectory("codec-cpu"));
        JsonRowEncoder encoder = new JsonRowEncoder(InsightsRows.SCHEMA);
        byte[][] records = new byte[ROWS][];
        long bytes = 0;
        for (int r = 0; r < ROWS; r++) {
            records[r] = encoder.encode(batch, r);
            bytes += records[r].length;
        }
        JsonRowDecoder decoder = new JsonRowDecoder(InsightsRows.SCHEMA);
        BatchBuilder target = new BatchBuilder(InsightsRows.SCHEMA);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        System.out.printf("insights row: %.1f B of JSON on average%n", bytes / (double) ROWS);
        for (int round = 1; round <= 3; round++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            long sink = 0;
            for (int rep = 0; rep < REPS; rep++) {
                for (int r = 0; r < ROWS; r++) {
                    sink += encoder.encode(batch, r).length;
                }
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (int rep = 0; rep < REPS; rep++) {
                target.reset();
                for (int r = 0; r < ROWS; r++) {
                    decoder.decode(records[r], target);
                }
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            System.out.printf(
                    "round %d: encode %.0f ns CPU/row, decode %.0f ns CPU/row (%d bytes encoded)%n",
                    round, (t1 - t0) / (double) (REPS * ROWS), (t2 - t1) / (double) (REPS * ROWS), sink);
        }
    }
}
