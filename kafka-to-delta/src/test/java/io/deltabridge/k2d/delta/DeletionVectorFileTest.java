package io.deltabridge.k2d.delta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.internal.deletionvectors.DeletionVectorStoredBitmap;
import io.deltabridge.core.delta.DeltaEngines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deletion vector files the bridge writes, read back by Delta Kernel's own deletion vector reader. */
class DeletionVectorFileTest {
    @TempDir
    Path table;

    private final Engine engine = DeltaEngines.create(Map.of());

    @Test
    void kernelReadsBackEveryVectorOfAFile() throws IOException {
        Random random = new Random(42);
        long[][] vectors = {
            {0},
            // unsorted, a repeat, up to the last 32-bit value
            {3, 1, 2, 1, 65_535, 65_536, 70_000, 1L << 31, (1L << 32) - 1},
            LongStream.range(0, 200_000).toArray(), // a run
            random.longs(5_000, 0, 10_000_000).toArray(), // sparse
            {5, (1L << 32) + 7, (3L << 32) + 9}, // beyond 32 bits, with an empty bitmap between two keys
        };
        DeletionVectorFile file = new DeletionVectorFile();
        int[] offsets = new int[vectors.length];
        int[] sizes = new int[vectors.length];
        for (int i = 0; i < vectors.length; i++) {
            byte[] vector = DeletionVectorFile.vector(vectors[i]);
            offsets[i] = file.add(vector);
            sizes[i] = vector.length;
        }
        String tablePath = table.toUri().toString();
        KernelInternals.StoredVectors stored = KernelInternals.newVectorFile(tablePath);
        long written = file.write(engine, stored.absolutePath());

        assertEquals(Files.size(Path.of(java.net.URI.create(stored.absolutePath()))), written);
        assertEquals(1, offsets[0], "the first vector follows the format version byte");
        for (int i = 0; i < vectors.length; i++) {
            long[] expected = LongStream.of(vectors[i]).sorted().distinct().toArray();
            DeletionVectorDescriptor dv = new DeletionVectorDescriptor(
                    "u", stored.z85Uuid(), Optional.of(offsets[i]), sizes[i], expected.length);
            long[] read = new DeletionVectorStoredBitmap(dv, Optional.of(tablePath))
                    .load(engine.getFileSystemClient())
                    .toArray();
            Arrays.sort(read);
            assertArrayEquals(expected, read, "vector " + i);
        }
    }

    @Test
    void aNegativeRowIndexIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DeletionVectorFile.vector(new long[] {1, -1}));
    }
}
