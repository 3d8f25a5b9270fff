package io.deltabridge.embedded;

import io.deltabridge.core.error.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker + controller) running in this JVM.
 *
 * <p>Listeners bind to 127.0.0.1 on ports chosen at start; data lives in a temporary directory that
 * {@link #close()} deletes. Internal topics have replication factor 1, so transactions and consumer
 * groups work on the single node. Topics are not auto-created: create them with {@link #createTopic}.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = new EmbeddedKafkaBroker().start()) {
 *     kafka.createTopic("orders", 3);
 *     props.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * }</pre>
 *
 * <p>Kafka logs through slf4j under the logger names {@link #KAFKA_LOGGERS}: an application that
 * wants readable output sets them to WARN in its logging configuration.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    /** Logger name prefixes the broker logs under (INFO is chatty: set them to WARN for user-facing output). */
    public static final List<String> KAFKA_LOGGERS = List.of("kafka", "org.apache.kafka", "state.change.logger");

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int START_ATTEMPTS = 3;
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, String> overrides;
    private final SaslSslListener secured;
    private final ProxiedListener proxied;
    private Path dir;
    /** The server properties of the running broker (same ports and log dir for a {@link #restart()}). */
    private Properties props;

    private KafkaRaftServer server;
    private String bootstrapServers;
    private String securedBootstrapServers;
    private int proxiedListenerPort;
    private Admin admin;
    /** Stops the broker and deletes its data if the JVM exits (e.g. Ctrl-C in the quickstart) before close(). */
    private Thread shutdownHook;

    /** A broker with the default single-node settings. */
    public EmbeddedKafkaBroker() {
        this(Map.of());
    }

    /** A broker whose server properties are the defaults plus {@code brokerOverrides} (e.g. {@code auto.create.topics.enable}). */
    public EmbeddedKafkaBroker(Map<String, String> brokerOverrides) {
        this(brokerOverrides, null);
    }

    /** A broker that also serves a SASL_SSL listener ({@link #securedBootstrapServers()}); {@code secured} may be null. */
    public EmbeddedKafkaBroker(Map<String, String> brokerOverrides, SaslSslListener secured) {
        this(brokerOverrides, secured, null);
    }

    /** A broker that may also serve a SASL_SSL listener and a {@link ProxiedListener}; either may be null. */
    public EmbeddedKafkaBroker(Map<String, String> brokerOverrides, SaslSslListener secured, ProxiedListener proxied) {
        this.overrides = Map.copyOf(brokerOverrides);
        this.secured = secured;
        this.proxied = proxied;
    }

    /** Formats the storage and starts the broker; returns once it accepts requests. Idempotent. */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            return this;
        }
        RuntimeException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                startOnce();
                return this;
            } catch (RuntimeException e) {
                // most likely a port taken between probing and binding: retry on fresh ports
                last = e;
                LOG.debug("embedded Kafka broker start attempt {} failed", attempt, e);
                stopQuietly();
            }
        }
        throw Problem.of("Could not start the embedded Kafka broker")
                .because("%s", last.getMessage())
                .fix(
                        "check that loopback networking works and the temp directory (%s) is writable",
                        System.getProperty("java.io.tmpdir"))
                .runtime(last);
    }

    /** {@code 127.0.0.1:<port>} of the PLAINTEXT listener. */
    public synchronized String bootstrapServers() {
        requireStarted();
        return bootstrapServers;
    }

    /** {@code 127.0.0.1:<port>} of the SASL_SSL listener; fails when the broker has none. */
    public synchronized String securedBootstrapServers() {
        requireStarted();
        if (secured == null) {
            throw new IllegalStateException("this embedded Kafka broker has no SASL_SSL listener");
        }
        return securedBootstrapServers;
    }

    /** {@code 127.0.0.1:<advertised port>} of the {@link ProxiedListener} (the proxy's); fails when the broker has none. */
    public synchronized String proxiedBootstrapServers() {
        requireProxied();
        return "127.0.0.1:" + proxied.advertisedPort();
    }

    /** The port the {@link ProxiedListener} binds, where the proxy forwards to; fails when the broker has none. */
    public synchronized int proxiedListenerPort() {
        requireProxied();
        return proxiedListenerPort;
    }

    private void requireProxied() {
        requireStarted();
        if (proxied == null) {
            throw new IllegalStateException("this embedded Kafka broker has no proxied listener");
        }
    }

    /** Adds (or replaces) a SCRAM-SHA-512 user and waits until the broker knows it. */
    public void createScramUser(String user, String password) {
        var credential = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096);
        await(
                admin().alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user, credential, password)))
                        .all(),
                "create SCRAM user " + user);
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (!await(admin().describeUserScramCredentials().all(), "describe SCRAM users")
                .containsKey(user)) {
            if (System.nanoTime() > deadline) {
                throw adminFailed(
                        "create SCRAM user " + user, "the user is still unknown after " + ADMIN_TIMEOUT, null);
            }
            sleep(20);
        }
    }

    /** Client properties that reach this broker ({@code bootstrap.servers}); add your own on top. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    /** An admin client on this broker, owned by the broker (do not close it). */
    public synchronized Admin admin() {
        requireStarted();
        if (admin == null) {
            Map<String, Object> props = clientProperties();
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-admin");
            admin = Admin.create(props);
        }
        return admin;
    }

    /** Creates a topic (replication factor 1) and waits until every partition has a leader. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** Creates a topic with topic-level configs (replication factor 1) and waits until every partition has a leader. */
    public void createTopic(String name, int partitions, Map<String, String> topicConfigs) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(topicConfigs);
        await(admin().createTopics(List.of(topic)).all(), "create topic " + name);
        awaitLeaders(name, partitions);
    }

    /** Creates a topic with {@code cleanup.policy=compact}, like a progress or changelog topic. */
    public void createCompactedTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    }

    /**
     * Stops the broker like a crash or an outage would (clients lose it), keeping its data, its
     * ports and its admin client, then, after {@code down}, starts it again on the same ports and
     * log directory, returning once it accepts requests. For fault tests.
     */
    public void restart(Duration down) throws InterruptedException {
        stopServer();
        Thread.sleep(down.toMillis());
        startServer();
    }

    /** The first half of {@link #restart}: stops the server, keeps data, ports and admin client. */
    public synchronized void stopServer() {
        requireStarted();
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    /** The second half of {@link #restart}: starts the stopped server on the same ports and data. */
    public synchronized void startServer() {
        if (server != null) {
            throw new IllegalStateException("the embedded Kafka broker is running");
        }
        if (props == null) {
            throw new IllegalStateException("the embedded Kafka broker was never started: call start() first");
        }
        KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server = raftServer;
        raftServer.startup();
        await(admin().describeCluster().nodes(), "reach the broker");
    }

    /** The temporary directory holding the broker's data and config (null when stopped). */
    synchronized Path dataDir() {
        return dir;
    }

    /** Stops the broker and deletes its data. Safe to call twice. */
    @Override
    public synchronized void close() {
        stopQuietly();
    }

    private void startOnce() {
        int[] ports = FreePorts.pick(4);
        try {
            dir = Files.createTempDirectory("deltabridge-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        props = serverProperties(ports[0], ports[1], ports[2], ports[3], dir.resolve("data"));
        format(props);
        bootstrapServers = "127.0.0.1:" + ports[0];
        securedBootstrapServers = "127.0.0.1:" + ports[2];
        proxiedListenerPort = ports[3];
        startServer();
        shutdownHook = new Thread(this::stopQuietly, "embedded-kafka-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        LOG.debug("embedded Kafka broker up at {} (data in {})", bootstrapServers, dir);
    }

    private Properties serverProperties(int port, int controllerPort, int securedPort, int proxiedPort, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        String plaintext = "PLAINTEXT://127.0.0.1:" + port;
        String sasl = secured == null ? "" : "," + SaslSslListener.NAME + "://127.0.0.1:" + securedPort;
        String proxiedBound = proxied == null ? "" : "," + ProxiedListener.NAME + "://127.0.0.1:" + proxiedPort;
        String proxiedAdvertised =
                proxied == null ? "" : "," + ProxiedListener.NAME + "://127.0.0.1:" + proxied.advertisedPort();
        p.put("listeners", plaintext + ",CONTROLLER://127.0.0.1:" + controllerPort + sasl + proxiedBound);
        p.put("advertised.listeners", plaintext + sasl + proxiedAdvertised);
        p.put("controller.listener.names", "CONTROLLER");
        p.put(
                "listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL"
                        + (proxied == null ? "" : "," + ProxiedListener.NAME + ":PLAINTEXT"));
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        // one node: internal topics must have RF 1 (and min ISR 1 for the transaction log)
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // the default 128 MiB dedupe buffer would dominate the broker's memory
        p.put("log.cleaner.dedupe.buffer.size", "2097152");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        if (secured != null) {
            p.putAll(secured.serverProperties());
        }
        p.putAll(overrides);
        return p;
    }

    private void format(Properties props) {
        Path file = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, "embedded Kafka broker");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int rc;
        try (PrintStream ps = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(
                    new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", file.toString(), "--standalone"},
                    ps);
        }
        if (rc != 0) {
            throw new IllegalStateException("kafka-storage format failed (" + rc + "): "
                    + output.toString(StandardCharsets.UTF_8).strip());
        }
    }

    private void awaitLeaders(String topic, int partitions) {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            TopicDescription d = describeIfKnown(topic);
            if (d != null && d.partitions().size() == partitions && allLed(d.partitions())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw adminFailed(
                        "create topic " + topic, "partitions still without a leader after " + ADMIN_TIMEOUT, null);
            }
            sleep(20);
        }
    }

    /** The topic's description, or null while the broker's metadata does not show the new topic yet. */
    private TopicDescription describeIfKnown(String topic) {
        try {
            return await(admin().describeTopics(List.of(topic)).allTopicNames(), "describe " + topic)
                    .get(topic);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw e;
        }
    }

    private static boolean allLed(Collection<TopicPartitionInfo> partitions) {
        return partitions.stream()
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw adminFailed(what, "interrupted", e);
        } catch (ExecutionException e) {
            throw adminFailed(what, e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw adminFailed(what, "no answer within " + ADMIN_TIMEOUT, e);
        }
    }

    private static RuntimeException adminFailed(String what, String why, Throwable cause) {
        return Problem.of("Could not %s on the embedded Kafka broker", what)
                .because("%s", why)
                .fix("check the name and settings; if the broker is overloaded, retry")
                .runtime(cause);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private synchronized void stopQuietly() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException exiting) {
                // the JVM is already shutting down: the hook runs (or ran) anyway
            }
        }
        shutdownHook = null;
        if (admin != null) {
            admin.close(Duration.ZERO);
            admin = null;
        }
        if (server != null) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (RuntimeException e) {
                LOG.debug("embedded Kafka broker shutdown", e);
            }
            server = null;
        }
        bootstrapServers = null;
        securedBootstrapServers = null;
        props = null;
        if (dir != null) {
            TempDirs.deleteRecursively(dir);
            dir = null;
        }
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("the embedded Kafka broker is not started: call start() first");
        }
    }
}
