package io.deltabridge.bench.d2k;

import io.delta.kernel.TableManager;
import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.deltabridge.core.codec.KernelStrings;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.delta.KernelIterators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Parquet reader alone: every data file of a table read through the bridge's engine, columnar and with
 * {@code -Ddeltabridge.parquet.columnar=false} (Kernel's default reader) alternately in one JVM, every value touched
 * as the encoders touch it (strings as UTF-8 bytes). Usage: {@code ParquetReadBenchmark TABLE_DIR [REPS] [flat]}
 * ({@code flat}: the table's columns without arrays and maps); the table
 * of {@code run-d2k.sh --rows N} is {@code $TMPDIR/deltabridge-bench/insights-N}.
 */
public final class ParquetReadBenchmark {
    private static final String COLUMNAR = "deltabridge.parquet.columnar";

    private ParquetReadBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path table = Path.of(args[0]).toAbsolutePath();
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Engine engine = DeltaEngines.create(Map.of());
        StructType schema = TableManager.loadSnapshot(table.toUri().toString())
                .build(engine)
                .getSchema();
        if (args.length > 2 && args[2].equals("flat")) { // the primitive columns only
            StructType flat = new StructType();
            for (var f : schema.fields()) {
                if (!(f.getDataType() instanceof ArrayType || f.getDataType() instanceof MapType)) {
                    flat = flat.add(f);
                }
            }
            schema = flat;
        }
        List<FileStatus> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(table)) {
            for (Path p : all.filter(p ->
                            p.toString().endsWith(".parquet") && !p.toString().contains("_delta_log"))
                    .sorted()
                    .toList()) {
                files.add(FileStatus.of(p.toUri().toString(), Files.size(p), 0L));
            }
        }
        System.out.printf(Locale.ROOT, "%d files, schema %s%n", files.size(), schema);
        for (int r = 0; r <= reps; r++) { // round 0 warms both paths up and is not printed
            for (boolean columnar : new boolean[] {true, false}) {
                System.setProperty(COLUMNAR, Boolean.toString(columnar));
                long t0 = System.nanoTime();
                long[] rowsAndCheck = read(engine, files, schema);
                double s = (System.nanoTime() - t0) / 1e9;
                if (r > 0) {
                    System.out.printf(
                            Locale.ROOT,
                            "%-8s #%d %,10d rows %7.3f s %,12.0f rows/s (check %d)%n",
                            columnar ? "columnar" : "kernel",
                            r,
                            rowsAndCheck[0],
                            s,
                            rowsAndCheck[0] / s,
                            rowsAndCheck[1]);
                }
            }
        }
        System.clearProperty(COLUMNAR);
    }

    private static long[] read(Engine engine, List<FileStatus> files, StructType schema) throws Exception {
        long rows = 0;
        long check = 0;
        try (CloseableIterator<FileReadResult> results =
                engine.getParquetHandler().readParquetFiles(KernelIterators.of(files), schema, Optional.empty())) {
            while (results.hasNext()) {
                ColumnarBatch batch = results.next().getData();
                rows += batch.getSize();
                for (int c = 0; c < schema.length(); c++) {
                    check += touch(batch.getColumnVector(c), batch.getSize());
                }
            }
        }
        return new long[] {rows, check};
    }

    /** Reads every value of {@code v} the way the encoders do; the sum keeps the JIT from dropping the reads. */
    private static long touch(ColumnVector v, int size) {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            if (v.isNullAt(i)) {
                continue;
            }
            var t = v.getDataType();
            if (t instanceof ArrayType) {
                ArrayValue a = v.getArray(i);
                sum += touch(a.getElements(), a.getSize());
            } else if (t instanceof MapType) {
                MapValue m = v.getMap(i);
                sum += touch(m.getKeys(), m.getSize()) + touch(m.getValues(), m.getSize());
            } else if (t instanceof StringType) {
                byte[] utf8 = KernelStrings.utf8(v, i);
                sum += utf8 != null ? utf8.length : v.getString(i).length();
            } else if (t instanceof DoubleType) {
                sum += (long) v.getDouble(i);
            } else if (t instanceof FloatType) {
                sum += (long) v.getFloat(i);
            } else if (t instanceof DecimalType) {
                sum += v.getDecimal(i).signum();
            } else if (t instanceof BooleanType) {
                sum += v.getBoolean(i) ? 1 : 0;
            } else if (t instanceof IntegerType || t instanceof DateType) {
                sum += v.getInt(i);
            } else if (t instanceof ShortType) {
                sum += v.getShort(i);
            } else if (t instanceof ByteType) {
                sum += v.getByte(i);
            } else {
                sum += v.getLong(i); // long, timestamp, timestamp_ntz
            }
        }
        return sum;
    }
}
