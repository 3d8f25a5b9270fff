package io.deltabridge.k2d.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StructType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keys a write or read records for the index: never more than the index could keep. */
class FileKeysTest {
    private static final KeyColumns ID = new KeyColumns(new StructType().add("id", LongType.LONG), List.of("id"), "t");

    @Test
    void aRewriteOfMoreRowsThanTheIndexCanKeepHoldsNoMoreHashesThanItCould() {
        KeyIndex index = new KeyIndex(8 * 1024);
        FileKeys keys = new FileKeys(index, ID);
        // a copy-on-write rewrite of a table far larger than the heap streams every kept row's key through here
        for (long id = 0; id < 1_000_000; id++) {
            keys.add(List.of(id));
        }
        assertTrue(keys.capacity() <= 256, "hashes held for an index of 8 KiB (a quarter): " + keys.capacity());

        keys.indexRead("too-large.parquet");
        assertNull(index.mayHoldAny("too-large.parquet", KeyIndex.hashes(List.of(List.of(5L)))), "read when needed");
    }

    @Test
    void afterAFileTooLargeForTheIndexTheNextFileIsIndexed() {
        KeyIndex index = new KeyIndex(8 * 1024);
        FileKeys keys = new FileKeys(index, ID);
        for (long id = 0; id < 1_000; id++) {
            keys.add(List.of(id));
        }
        keys.indexRead("too-large.parquet");
        for (long id = 0; id < 10; id++) {
            keys.add(List.of(id));
        }
        keys.indexRead("small.parquet");

        assertEquals(true, index.mayHoldAny("small.parquet", KeyIndex.hashes(List.of(List.of(9L)))));
        assertEquals(false, index.mayHoldAny("small.parquet", KeyIndex.hashes(List.of(List.of(10L)))));
    }
}
