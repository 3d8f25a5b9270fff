package io.deltabridge.bench.d2k;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * An {@link BrokerMain} broker in a JVM of its own (so its CPU and memory do not count as the
 * bridge's), shared by the benchmarks; closing it stops the broker.
 */
public final class BrokerProcess implements AutoCloseable {
    private final Process process;
    private final String bootstrap;

    private BrokerProcess(Process process, String bootstrap) {
        this.process = process;
        this.bootstrap = bootstrap;
    }

    /** Starts the broker (heap 1 GiB, as {@code kafka-server-start.sh}) and waits until it accepts requests. */
    public static BrokerProcess start() throws IOException {
        Process p = childJvm("1g", BrokerMain.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("BOOTSTRAP ")) {
                return new BrokerProcess(p, line.substring(10).trim());
            }
        }
        p.destroy();
        throw new IllegalStateException("the broker did not start");
    }

    /** A JVM with this JVM's class path and the benchmarks' logback config running {@code main}. */
    static ProcessBuilder childJvm(String xmx, String main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + xmx,
                "-Dlogback.configurationFile=d2k-bench-logback.xml",
                "-cp",
                System.getProperty("java.class.path"),
                main));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    /** Creates a topic (replication factor 1) with topic-level configs. */
    public void createTopic(String topic, int partitions, Map<String, String> configs) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs)))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        // BrokerMain runs until its stdin closes
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroy();
        }
    }
}
