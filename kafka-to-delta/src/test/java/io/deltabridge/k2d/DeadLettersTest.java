package io.deltabridge.k2d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The error message header's cut: at most the limit, marked, never inside a multi-byte character. */
class DeadLettersTest {
    private static final String MARK = "… [truncated]";

    @Test
    void aShortMessageIsKeptAsItIs() {
        byte[] text = "Field 'id' expects BIGINT".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(text, DeadLetters.truncate(text, 4096));
    }

    @Test
    void aLongMessageIsCutToTheLimitAtACharacterBoundaryAndMarked() {
        byte[] text = "é€😀".repeat(2_000).getBytes(StandardCharsets.UTF_8);
        for (int max = 20; max < 60; max++) {
            byte[] cut = DeadLetters.truncate(text, max);
            assertTrue(cut.length <= max, cut.length + " > " + max);
            String decoded = new String(cut, StandardCharsets.UTF_8);
            assertTrue(decoded.endsWith(MARK), decoded);
            String kept = decoded.substring(0, decoded.length() - MARK.length());
            assertEquals(-1, kept.indexOf('\uFFFD'), "cut inside a character at max " + max);
            assertTrue("é€😀".repeat(2_000).startsWith(kept));
        }
    }
}
