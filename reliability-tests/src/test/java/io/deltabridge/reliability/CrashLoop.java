package io.deltabridge.reliability;

import io.deltabridge.testkit.CliProcess;
import io.deltabridge.testkit.KafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The kafka → delta crash loop: keeps {@code instances} real {@code bridge run} CLIs of one mapping
 * running (a third of them {@code --once}), produces a chunk of records, then interrupts one at random
 * (SIGKILL, now and then SIGTERM: {@link Interrupter}) and starts another, until {@code kills} kills.
 */
final class CrashLoop {
    private record Instance(CliProcess process, boolean once, long startNanos) {}

    private CrashLoop() {}

    /** Returns the number of instance starts. */
    static int run(
            BridgeCli cli, Interrupter interrupter, Random random, int kills, int instances, Runnable produceChunk)
            throws Exception {
        List<Instance> running = new ArrayList<>();
        int starts = 0;
        try {
            while (interrupter.kills() < kills) {
                while (running.size() < instances) {
                    boolean once = random.nextInt(3) == 0;
                    running.add(new Instance(cli.run(once), once, System.nanoTime()));
                    starts++;
                }
                produceChunk.run(); // while instances start, rebalance and commit
                Instance victim = running.remove(random.nextInt(running.size()));
                System.out.printf("start %d (kills so far %d)%n", starts, interrupter.kills());
                try (CliProcess p = victim.process()) {
                    interrupter.interrupt(p, victim.once(), victim.startNanos());
                }
            }
        } finally {
            running.forEach(i -> i.process().close());
        }
        return starts;
    }

    /**
     * Waits until the killed instances have left the group (their sessions timed out): a {@code --once} run joining
     * before that is not given their partitions and ends without them (README, "Limits").
     */
    static void awaitNoGroupMembers(KafkaCluster kafka, String group) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!kafka.admin()
                .describeConsumerGroups(List.of(group))
                .all()
                .get()
                .get(group)
                .members()
                .isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the members of " + group + " did not leave within a minute");
            }
            Thread.sleep(200);
        }
    }
}
