package io.deltabridge.connect;

import io.deltabridge.testkit.registry.ChildServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.cli.ConnectDistributed;

/**
 * A distributed Connect worker ({@code connect-distributed.sh}'s main class) in a child JVM of its own, loading the
 * connectors from the plugin directory the build assembled, so that a test can SIGKILL it as a real process dies.
 * Exactly-once source support is on; a worker that vanished is noticed within seconds, not Connect's defaults.
 */
final class WorkerProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private final ChildServer server;

    private WorkerProcess(ChildServer server) {
        this.server = server;
    }

    /** Starts a worker of the Connect cluster {@code group} and waits until its REST API reports it healthy. */
    static WorkerProcess start(String bootstrapServers, String group, Path dir) {
        return start(bootstrapServers, group, dir, List.of("-Xmx384m", "-XX:+UseSerialGC"), "");
    }

    /**
     * {@link #start(String, String, Path)} with these JVM options (heap, collector) and worker settings
     * ({@code key=value} lines) over the ones here.
     */
    static WorkerProcess start(
            String bootstrapServers, String group, Path dir, List<String> jvmOptions, String settings) {
        return new WorkerProcess(ChildServer.start(
                "connect-worker",
                System.getProperty("java.class.path"),
                port -> new ChildServer.Launch(
                        jvmOptions,
                        List.of(
                                ConnectDistributed.class.getName(),
                                properties(bootstrapServers, group, dir, port, settings)
                                        .toString())),
                s -> ChildServer.answers(URI.create(url(s.port()) + "/health"), "GET"),
                READY_TIMEOUT));
    }

    private static Path properties(String bootstrapServers, String group, Path dir, int port, String settings) {
        String props = """
                bootstrap.servers=%1$s
                group.id=%2$s
                config.storage.topic=%2$s-configs
                offset.storage.topic=%2$s-offsets
                status.storage.topic=%2$s-status
                config.storage.replication.factor=1
                offset.storage.replication.factor=1
                status.storage.replication.factor=1
                exactly.once.source.support=enabled
                key.converter=org.apache.kafka.connect.converters.ByteArrayConverter
                value.converter=org.apache.kafka.connect.converters.ByteArrayConverter
                plugin.path=%3$s
                plugin.discovery=service_load
                listeners=http://%4$s:%5$d
                rest.advertised.host.name=%4$s
                rest.advertised.port=%5$d
                offset.flush.interval.ms=1000
                # a killed worker leaves the group after 6 s, and its tasks move on 2 s later (defaults: 10 s, 5 min)
                session.timeout.ms=6000
                heartbeat.interval.ms=1000
                scheduled.rebalance.max.delay.ms=2000
                """.formatted(
                bootstrapServers, group, System.getProperty(ConnectCluster.PLUGIN_PATH), ChildServer.LOOPBACK, port);
        try {
            // of a key given twice, java.util.Properties keeps the last
            return Files.writeString(dir.resolve("worker-" + port + ".properties"), props + settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String url(int port) {
        return "http://" + ChildServer.LOOPBACK + ":" + port;
    }

    /** The worker's REST API. */
    String url() {
        return url(server.port());
    }

    /** The worker id Connect reports in a task's status. */
    String id() {
        return ChildServer.LOOPBACK + ":" + server.port();
    }

    /** The CPU time the worker's process used so far. */
    Duration cpuTime() {
        return ProcessHandle.of(server.pid())
                .flatMap(p -> p.info().totalCpuDuration())
                .orElseThrow();
    }

    boolean isRunning() {
        return server.isRunning();
    }

    /** SIGKILL ({@code destroyForcibly} on Linux): no shutdown hook, no task stop, no commit; waits until it is gone. */
    void kill() throws InterruptedException, ExecutionException, TimeoutException {
        ProcessHandle process = ProcessHandle.of(server.pid()).orElseThrow();
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
    }

    /** Everything the worker logged (for a failing test). */
    String output() {
        return server.output();
    }

    @Override
    public void close() {
        server.close();
    }
}
