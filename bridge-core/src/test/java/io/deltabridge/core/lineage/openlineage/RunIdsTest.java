package io.deltabridge.core.lineage.openlineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunIdsTest {

    @Test
    void runIdsAreVersion7AndSortByTime() {
        UUID earlier = RunIds.at(1_700_000_000_000L);
        UUID later = RunIds.at(1_700_000_000_001L);
        assertEquals(7, earlier.version());
        assertEquals(2, earlier.variant());
        assertEquals(
                1_700_000_000_000L,
                earlier.getMostSignificantBits() >>> 16,
                "the first 48 bits are the Unix milliseconds");
        assertTrue(earlier.toString().compareTo(later.toString()) < 0);
        assertNotEquals(RunIds.next(), RunIds.next());
    }
}
