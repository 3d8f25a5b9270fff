package io.deltabridge.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.testkit.TableScan;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** The {@code id} column of every row of a Delta table, read back with Delta Kernel (tests only). */
final class TableIds {
    private static final StructType ID = new StructType().add("id", LongType.LONG, false);

    private TableIds() {}

    static List<Long> read(String tableUri) {
        Engine engine = DeltaEngines.create(Map.of());
        List<Long> ids = new ArrayList<>();
        TableScan.forEachRow(
                engine,
                TableManager.loadSnapshot(tableUri).build(engine),
                Optional.of(ID),
                (data, r) -> ids.add(data.getColumnVector(0).getLong(r)));
        return ids;
    }

    static boolean exists(String tableUri) {
        return Files.isDirectory(Path.of(URI.create(tableUri)).resolve("_delta_log"));
    }

    /** Waits until the table holds {@code count} rows, then checks they are ids 0..count-1, each once. */
    static void awaitEveryIdOnce(String tableUri, int count, Duration timeout) throws InterruptedException {
        List<Long> ids = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            ids = exists(tableUri) ? read(tableUri) : List.of();
            if (ids.size() >= count) {
                break;
            }
            Thread.sleep(500);
        }
        Map<Long, Long> times =
                ids.stream().collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        List<Long> missing = LongStream.range(0, count)
                .filter(id -> !times.containsKey(id))
                .boxed()
                .toList();
        List<Long> repeated = times.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey)
                .toList();
        assertEquals(
                List.of(),
                missing.subList(0, Math.min(10, missing.size())),
                missing.size() + " of " + count + " ids missing from the table, the first ones");
        assertEquals(
                List.of(),
                repeated.subList(0, Math.min(10, repeated.size())),
                repeated.size() + " ids repeated in the table, the first ones");
        assertEquals(count, ids.size(), "rows in the table");
    }
}
