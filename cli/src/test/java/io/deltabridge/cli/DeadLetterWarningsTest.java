package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A flood of bad records does not flood the log: the first dead letters of a mapping are logged
 * one by one, the rest of the minute as one summary line; logged messages are cut short.
 */
class DeadLetterWarningsTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.deltabridge.progress");

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
    }

    private List<String> warnings() {
        return appender.list.stream()
                .filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void aThousandDeadLettersInAMinuteAreTenLinesAndASummary() {
        Progress progress = new Progress(null, Duration.ofSeconds(30), nanos::get, line -> {});
        progress.begin(new SimpleMeterRegistry(), "b", List.of()); // no mapping: the warnings alone
        for (int i = 0; i < 1000; i++) {
            progress.onDeadLetter("orders-in", "orders", 0, i, new IllegalArgumentException("bad " + i));
        }
        assertEquals(10, warnings().size());
        assertEquals(
                "orders-in: orders-0@0 sent to the dead-letter topic: bad 0",
                warnings().get(0));

        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        progress.report();
        assertEquals(11, warnings().size());
        assertEquals(
                "orders-in: 990 more records sent to the dead-letter topic in the last 61 s (at most 10 are logged per minute;"
                        + " the meter deltabridge.dead.letters counts them all)",
                warnings().get(10));

        progress.onDeadLetter("orders-in", "orders", 0, 1000, new IllegalArgumentException("bad again"));
        assertEquals(12, warnings().size(), "a new minute logs again");
    }

    @Test
    void theRestIsSummedUpWhenTheRunStopsAndLongMessagesAreCut() {
        Progress progress = new Progress(null, Duration.ofSeconds(30), nanos::get, line -> {});
        progress.begin(new SimpleMeterRegistry(), "b", List.of()); // no mapping: the warnings alone
        String huge = "x".repeat(100_000);
        for (int i = 0; i < 12; i++) {
            progress.onDeadLetter("orders-in", "orders", 1, i, new IllegalArgumentException(huge));
        }
        progress.stop();
        List<String> w = warnings();
        assertEquals(
                11,
                w.size(),
                w.stream()
                        .map(s -> s.substring(0, Math.min(80, s.length())))
                        .toList()
                        .toString());
        assertTrue(
                w.get(0).length() < 1_000 && w.get(0).endsWith("..."), w.get(0).length() + " chars");
        assertTrue(w.get(10).startsWith("orders-in: 2 more records"), w.get(10));
    }
}
