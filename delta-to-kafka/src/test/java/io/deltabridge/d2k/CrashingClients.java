package io.deltabridge.d2k;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import org.apache.kafka.common.KafkaException;

/** Real clients whose producer dies (no abort, no close) after a number of event sends: a crash. */
final class CrashingClients extends DeltaToKafkaITSupport.InterceptingClients {
    private final int crashAfter;
    private final AtomicInteger sends = new AtomicInteger();
    volatile boolean crashed;

    CrashingClients(int crashAfter) {
        super(DeltaToKafkaITSupport.settings());
        this.crashAfter = crashAfter;
    }

    @Override
    boolean before(String method) {
        if (crashed) {
            return false; // a dead process does nothing more
        }
        if (method.equals("send") && sends.incrementAndGet() > crashAfter) {
            crashed = true;
            throw new KafkaException("simulated crash after " + crashAfter + " sends");
        }
        return true;
    }

    void closeCrashed() {
        if (crashed && producer != null) {
            producer.close(Duration.ZERO);
        }
    }

    /**
     * Runs pipelines until one run ends: run {@code n} (from 0) gets clients that crash after {@code crashAfter(n)}
     * sends. Returns the number of crashed runs.
     */
    static int runUntilDone(IntUnaryOperator crashAfter, Function<CrashingClients, DeltaToKafkaPipeline> pipeline) {
        for (int crashes = 0; ; crashes++) {
            CrashingClients clients = new CrashingClients(crashAfter.applyAsInt(crashes));
            try (DeltaToKafkaPipeline p = pipeline.apply(clients)) {
                p.runOnce();
                return crashes;
            } catch (RuntimeException e) {
                assertTrue(clients.crashed, "failed only by the simulated crash: " + e);
            } finally {
                clients.closeCrashed();
            }
        }
    }
}
