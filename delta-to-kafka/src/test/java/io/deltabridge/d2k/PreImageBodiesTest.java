package io.deltabridge.d2k;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreImageBodiesTest {
    @TempDir
    Path spillDir;

    @Test
    void bodiesPastTheBudgetGoToAFileAndComeBackTheSame() throws IOException {
        try (PreImageBodies bodies = new PreImageBodies(1_000, spillDir)) {
            for (int i = 0; i < 5_000; i++) {
                bodies.add(body(i));
            }
            assertEquals(List.of(), spillFiles(), "the file of the bodies past 1,000 bytes is unlinked while open");
            for (int i = 4_999; i >= 0; i--) {
                assertArrayEquals(body(i), bodies.get(i), "body " + i);
            }
            assertTrue(bodies.heldBytes() <= 1_000, "held in memory: " + bodies.heldBytes());
        }
        assertEquals(List.of(), spillFiles());
    }

    @Test
    void aBodyComparedOrMarkedAmbiguousInMemoryOrInTheFile() throws IOException {
        try (PreImageBodies bodies = new PreImageBodies(40, spillDir)) {
            bodies.add(body(0)); // in memory
            bodies.add(body(1));
            bodies.add(body(2)); // past 40 bytes: in the file
            assertTrue(bodies.sameAs(0, body(0)));
            assertFalse(bodies.sameAs(0, body(7)));
            assertTrue(bodies.sameAs(2, body(2)));
            assertFalse(bodies.sameAs(2, body(7)));
            bodies.markAmbiguous(0);
            bodies.markAmbiguous(2);
            assertNull(bodies.get(0));
            assertNull(bodies.get(2));
            assertFalse(bodies.sameAs(2, body(2)), "an ambiguous body equals none");
            assertArrayEquals(body(1), bodies.get(1));
        }
    }

    @Test
    void clearForgetsTheBodiesAndTheirFile() throws IOException {
        try (PreImageBodies bodies = new PreImageBodies(10, spillDir)) {
            for (int i = 0; i < 100; i++) {
                bodies.add(body(i));
            }
            bodies.clear();
            assertEquals(0, bodies.heldBytes());
            bodies.add(body(42)); // number 0 again, in memory
            bodies.add(body(43)); // in a new file
            assertArrayEquals(body(42), bodies.get(0));
            assertArrayEquals(body(43), bodies.get(1));
        }
    }

    private List<Path> spillFiles() throws IOException {
        try (Stream<Path> files = Files.list(spillDir)) {
            return files.toList();
        }
    }

    private static byte[] body(int i) {
        return ("{\"id\":" + i + ",\"segment\":\"s" + (i % 7) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
