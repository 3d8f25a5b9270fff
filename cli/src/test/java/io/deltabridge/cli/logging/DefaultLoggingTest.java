package io.deltabridge.cli.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.joran.spi.JoranException;
import io.deltabridge.core.logging.SecretMaskingLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The configuration in code must stay the one docs/logback.xml gives users to start from. */
class DefaultLoggingTest {
    private static final Path XML = Path.of("..", "docs", "logback.xml");

    @Test
    void givesEveryLoggerOfTheDocumentedFileItsLevel() throws Exception {
        compareWithTheFile(Map.of());
    }

    @Test
    void takesTheLevelsAndTheFormatFromTheEnvironmentAsTheFileDoes() throws Exception {
        compareWithTheFile(
                Map.of("BRIDGE_LOG_LEVEL", "DEBUG", "BRIDGE_KAFKA_LOG_LEVEL", "INFO", "BRIDGE_LOG_FORMAT", "json"));
    }

    @Test
    void writesTextToStderrThroughTheMaskingLayout() {
        LoggerContext context = new LoggerContext();
        new DefaultLogging(Map.<String, String>of()::get).configure(context);

        ConsoleAppender<ILoggingEvent> appender = (ConsoleAppender<ILoggingEvent>) onlyAppender(context);
        assertEquals("System.err", appender.getTarget());
        LayoutWrappingEncoder<ILoggingEvent> encoder = (LayoutWrappingEncoder<ILoggingEvent>) appender.getEncoder();
        SecretMaskingLayout layout = assertInstanceOf(SecretMaskingLayout.class, encoder.getLayout());
        assertEquals(DefaultLogging.PATTERN, layout.getPattern());
        assertTrue(appender.isStarted());
    }

    @Test
    void leavesTheContextToAFileTheUserNames() {
        LoggerContext context = new LoggerContext();
        ExecutionStatus status = new DefaultLogging(
                        Map.of("logback.configurationFile", "/etc/deltabridge/logback.xml")::get)
                .configure(context);

        assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, status);
        assertFalse(context.getLogger(Logger.ROOT_LOGGER_NAME)
                .iteratorForAppenders()
                .hasNext());
    }

    private static void compareWithTheFile(Map<String, String> environment) throws Exception {
        LoggerContext fromFile = fromFile(environment);
        LoggerContext inCode = new LoggerContext();
        assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, new DefaultLogging(environment::get).configure(inCode));

        List<String> loggers = loggersOfTheFile();
        assertTrue(loggers.size() > 10, "loggers named in " + XML + ": " + loggers);
        for (String name : loggers) {
            assertEquals(
                    fromFile.getLogger(name).getLevel(), inCode.getLogger(name).getLevel(), name);
        }
        assertEquals(Level.WARN, inCode.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
        assertEquals(onlyAppender(fromFile).getName(), onlyAppender(inCode).getName());
        assertEquals(layoutOf(fromFile), layoutOf(inCode));
    }

    private static LoggerContext fromFile(Map<String, String> environment) throws JoranException {
        LoggerContext context = new LoggerContext();
        environment.forEach(context::putProperty);
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(XML.toFile());
        return context;
    }

    private static List<String> loggersOfTheFile() throws Exception {
        Matcher logger = Pattern.compile("<logger name=\"([^\"]+)\"").matcher(Files.readString(XML));
        List<String> names = new ArrayList<>();
        while (logger.find()) {
            names.add(logger.group(1));
        }
        return names;
    }

    private static Appender<ILoggingEvent> onlyAppender(LoggerContext context) {
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining(appenders::add);
        assertEquals(1, appenders.size(), "appenders of the root logger");
        return appenders.get(0);
    }

    private static String layoutOf(LoggerContext context) {
        var encoder = (LayoutWrappingEncoder<ILoggingEvent>)
                ((ConsoleAppender<ILoggingEvent>) onlyAppender(context)).getEncoder();
        return encoder.getLayout() instanceof SecretMaskingLayout text
                ? "text " + text.getPattern()
                : encoder.getLayout().getClass().getName();
    }
}
