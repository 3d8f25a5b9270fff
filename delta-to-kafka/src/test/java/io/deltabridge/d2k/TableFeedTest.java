package io.deltabridge.d2k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.delta.kernel.engine.Engine;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.testkit.DeltaFixture;
import io.deltabridge.testkit.DeltaFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's thread and a health check's (HealthMonitor reads {@code status()} from its own thread) ask a
 * table's latest state at once: both get it whole. Before, one could see the new snapshot noted but its state not
 * yet built, and the mapping stopped on a NullPointerException (HttpEndpointIT on the Java 25 leg).
 */
class TableFeedTest {
    private static final int ROUNDS = 100;

    @Test
    void twoThreadsAskingTheLatestStateAtOnceBothGetIt(@TempDir Path dir) throws Exception {
        DeltaFixture basic = DeltaFixtures.copy("basic", dir);
        Engine engine = DeltaEngines.create(Map.of());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                TableFeed feed = new TableFeed(engine, basic.table().toString());
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<TableState>> asked = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    asked.add(threads.submit(() -> {
                        together.await();
                        return feed.latest();
                    }));
                }
                for (Future<TableState> state : asked) {
                    assertNotNull(state.get(), "round " + round);
                    assertEquals(4, state.get().version(), "round " + round);
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
