package io.deltabridge.d2k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollScheduleTest {
    private static final Duration ACTIVE = Duration.ofMillis(50);
    private static final Duration IDLE = Duration.ofSeconds(1);

    /** A clock that advances by each wait the schedule asks for, as the run loop's sleeps do. */
    private long now = 1_000_000_000L;

    private final PollSchedule schedule = new PollSchedule(ACTIVE, IDLE, () -> now);

    private Duration look(long latestVersion) {
        Duration wait = schedule.after(latestVersion);
        now += wait.toNanos();
        return wait;
    }

    @Test
    void aQuietTableIsListedOncePerPollInterval() {
        for (int i = 0; i < 100; i++) {
            assertEquals(IDLE, look(5));
        }
    }

    @Test
    void aNewVersionTightensTheIntervalAtOnce() {
        look(5);
        assertEquals(ACTIVE, look(6));
    }

    @Test
    void theIntervalStaysTightWhileVersionsKeepComing() {
        long start = now;
        assertEquals(IDLE, look(5));
        // one commit a second for 30 s (the first seen by the second look): every look waits the active interval
        while (now - start < Duration.ofSeconds(30).toNanos()) {
            assertEquals(ACTIVE, look(5 + (now - start) / IDLE.toNanos()));
        }
    }

    @Test
    void afterTheActiveWindowTheIntervalDoublesBackToThePollInterval() {
        look(5);
        look(6);
        long changedAt = now - ACTIVE.toNanos();
        while (now - changedAt < PollSchedule.ACTIVE_WINDOW.toNanos()) {
            assertEquals(ACTIVE, look(6));
        }
        List<Long> relaxing = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            relaxing.add(look(6).toMillis());
        }
        assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L), relaxing);
    }

    @Test
    void aNewVersionWhileRelaxingTightensAgain() {
        look(5);
        look(6);
        now += PollSchedule.ACTIVE_WINDOW.toNanos();
        assertEquals(Duration.ofMillis(100), look(6));
        assertEquals(ACTIVE, look(7));
    }

    @Test
    void idleListingsAfterABurstAreBoundedByTheActiveWindow() {
        look(5);
        look(6);
        int looks = 0;
        long end = now + Duration.ofMinutes(1).toNanos();
        while (now < end) {
            look(6);
            looks++;
        }
        // 10 s at 50 ms, a few while relaxing, then one a second for the rest of the minute
        long window = PollSchedule.ACTIVE_WINDOW.toNanos() / ACTIVE.toNanos();
        assertTrue(looks <= window + 5 + 50, "looks: " + looks);
        assertTrue(looks >= window + 45, "looks: " + looks);
    }

    @Test
    void anActiveIntervalAtLeastThePollIntervalIsAFixedInterval() {
        PollSchedule fixed = new PollSchedule(IDLE, IDLE, () -> now);
        assertEquals(IDLE, fixed.after(5));
        assertEquals(IDLE, fixed.after(6));
        assertEquals(IDLE, fixed.after(7));
        PollSchedule shortPoll = new PollSchedule(ACTIVE, Duration.ofMillis(20), () -> now);
        assertEquals(Duration.ofMillis(20), shortPoll.after(5));
        assertEquals(Duration.ofMillis(20), shortPoll.after(6));
    }
}
