package io.deltabridge.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import io.deltabridge.core.logging.JsonLineLayout;
import io.deltabridge.core.logging.SecretMaskingLayout;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The CLI's default logging, set up in code: to stderr (stdout carries command output such as the JSON of {@code
 * status}), one line per commit at INFO, libraries quiet, every line through a layout that masks secrets. Built in
 * code because logback's XML configuration loads ~830 classes (Joran and the JDK's XML parser) before the first line,
 * a tenth of a nothing-to-do {@code --once}. docs/logback.xml is the same configuration as a file to start from; a
 * file given with {@code -Dlogback.configurationFile}, or a {@code logback.xml} / {@code logback-test.xml} on the
 * class path, replaces it.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class DefaultLogging extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

    /** The levels of docs/logback.xml, by logger; the root is at WARN. */
    static final Map<String, Level> QUIET_LIBRARIES = Map.of(
            "kafka", Level.WARN,
            "org.apache.hadoop", Level.WARN,
            "org.apache.parquet", Level.WARN,
            "io.delta", Level.WARN,
            // harmless and frequent: "Cannot find a complete checkpoint", "Unable to load native-hadoop library"
            "io.delta.kernel.internal.snapshot.SnapshotManager", Level.ERROR,
            "org.apache.hadoop.util.NativeCodeLoader", Level.ERROR,
            // every second while a broker is down: the bridge reports the failure itself, once
            "org.apache.kafka.clients.NetworkClient", Level.ERROR,
            // the quickstart's in-process broker announces its first start
            "org.apache.kafka.controller.QuorumController", Level.ERROR,
            // CONCURRENT_TRANSACTIONS retries between transactions; last stable offset lines on every rebalance
            "org.apache.kafka.clients.producer.internals.Sender", Level.ERROR,
            "org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils", Level.ERROR);

    private final UnaryOperator<String> environment;

    public DefaultLogging() {
        this(name -> System.getProperty(name, System.getenv(name)));
    }

    DefaultLogging(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (userConfiguration()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        context.getStatusManager().add(new NopStatusListener());
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr(context));
        context.getLogger("io.deltabridge").setLevel(level("BRIDGE_LOG_LEVEL", Level.INFO));
        context.getLogger("org.apache.kafka").setLevel(level("BRIDGE_KAFKA_LOG_LEVEL", Level.WARN));
        QUIET_LIBRARIES.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private boolean userConfiguration() {
        ClassLoader loader = DefaultLogging.class.getClassLoader();
        return environment.apply("logback.configurationFile") != null
                || loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null;
    }

    private Level level(String variable, Level byDefault) {
        return Level.toLevel(environment.apply(variable), byDefault);
    }

    private ConsoleAppender<ILoggingEvent> stderr(LoggerContext context) {
        Layout<ILoggingEvent> layout = layout(context);
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(layout instanceof JsonLineLayout ? "json" : "text");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    /** BRIDGE_LOG_FORMAT was checked (text | json) before the first line: BridgeCommand.main. */
    private Layout<ILoggingEvent> layout(LoggerContext context) {
        Layout<ILoggingEvent> layout;
        if ("json".equals(environment.apply("BRIDGE_LOG_FORMAT"))) {
            layout = new JsonLineLayout();
        } else {
            SecretMaskingLayout text = new SecretMaskingLayout();
            text.setPattern(PATTERN);
            layout = text;
        }
        layout.setContext(context);
        layout.start();
        return layout;
    }
}
