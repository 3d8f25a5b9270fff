package io.deltabridge.bench.d2k;

import io.deltabridge.embedded.EmbeddedKafkaBroker;
import java.io.IOException;

/** Child process of {@link D2kBenchmark}: a broker in a JVM of its own, so it does not count as the bridge's memory or CPU. */
public final class BrokerMain {
    private BrokerMain() {}

    public static void main(String[] args) throws IOException {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker().start()) {
            System.out.println("BOOTSTRAP " + broker.bootstrapServers());
            System.out.flush();
            // runs until the parent closes our stdin
            while (System.in.read() >= 0) {
                // keep reading
            }
        }
    }
}
