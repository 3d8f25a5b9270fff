package io.deltabridge.k2d.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.Transaction;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.deltabridge.core.delta.DeltaEngines;
import io.deltabridge.core.delta.KernelIterators;
import io.deltabridge.core.vector.BatchBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key index kept across upsert flushes: never a false negative, bounded, and true per file of a write that rolls. */
class KeyIndexTest {
    private final Random random = new Random(11);

    @Test
    void everyKeyOfAFileIsFoundAndNoOtherWhateverTheKeyTypes() {
        List<Function<Random, List<Object>>> types = List.of(
                r -> List.of(r.nextLong()),
                r -> List.of(r.nextInt(1_000_000)),
                r -> List.of("k-" + r.nextInt(1_000_000) + "\u00e9\ud83d\ude00"),
                r -> List.of(ByteBuffer.wrap(bytes(r))),
                r -> List.of(new BigDecimal(r.nextInt(1_000_000))
                        .movePointLeft(r.nextInt(4))
                        .stripTrailingZeros()),
                r -> List.of(r.nextDouble()),
                r -> List.of(r.nextBoolean(), "region-" + r.nextInt(5), (long) r.nextInt(100_000)));
        for (Function<Random, List<Object>> type : types) {
            Set<List<Object>> held = new HashSet<>();
            while (held.size() < 2_000) {
                held.add(type.apply(random));
            }
            KeyIndex index = new KeyIndex(1 << 20);
            index.put("f", KeyIndex.hashes(held), 0, held.size());
            for (List<Object> key : held) {
                assertEquals(true, index.mayHoldAny("f", KeyIndex.hashes(List.of(copy(key)))), "a key held: " + key);
            }
            List<List<Object>> others = new ArrayList<>();
            while (others.size() < 2_000) {
                List<Object> key = type.apply(random);
                if (!held.contains(key)) {
                    others.add(key);
                }
            }
            assertEquals(
                    false, index.mayHoldAny("f", KeyIndex.hashes(others)), "2,000 keys not held: " + others.get(0));
            others.add(held.iterator().next());
            assertEquals(true, index.mayHoldAny("f", KeyIndex.hashes(others)), "one of them held");
        }
    }

    @Test
    void aFileNotPutOrForgottenIsUnknown() {
        KeyIndex index = new KeyIndex(1 << 20);
        long[] one = KeyIndex.hashes(List.of(List.of(1L)));
        index.put("a", one, 0, 1);

        assertNull(index.mayHoldAny("b", one), "never put: its keys must be read");
        index.forget("a");
        assertNull(index.mayHoldAny("a", one));
        assertEquals(0, index.bytes());
    }

    @Test
    void beyondItsBudgetTheLeastRecentlyAskedFilesAreDropped() {
        long[] keys = new long[1_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = KeyHash.of(List.of((long) i));
        }
        KeyIndex index = new KeyIndex(2 * 8_000 + 1_000); // two files of 1,000 keys
        index.put("a", keys, 0, 1_000);
        index.put("b", keys, 0, 1_000);
        index.mayHoldAny("a", keys); // a is now more recent than b
        index.put("c", keys, 0, 1_000);

        assertNull(index.mayHoldAny("b", keys), "b dropped: read again when needed");
        assertEquals(true, index.mayHoldAny("a", keys));
        assertEquals(true, index.mayHoldAny("c", keys));
        assertEquals(2, index.files());
        assertTrue(index.bytes() <= 2 * 8_000 + 1_000, "bytes " + index.bytes());
        long[] many = new long[5_000];
        for (int i = 0; i < many.length; i++) {
            many[i] = KeyHash.of(List.of("key " + i));
        }
        index.put("huge", many, 0, many.length);
        assertNull(index.mayHoldAny("huge", keys), "a file larger than the budget is not kept");
    }

    @Test
    void theIndexesOfOtherKeyColumnsShareTheBudgetNotTheEntries() {
        long[] one = KeyIndex.hashes(List.of(List.of(1L)));
        KeyIndex byId = KeyIndex.shared(List.of("id"));
        KeyIndex byIdAndRegion = KeyIndex.shared(List.of("id", "region"));
        int before = byId.files();
        byId.put("/t/part-0.parquet", one, 0, 1);

        assertEquals(true, byId.mayHoldAny("/t/part-0.parquet", one));
        assertNull(byIdAndRegion.mayHoldAny("/t/part-0.parquet", one), "the file's keys under other key columns");
        assertEquals(before + 1, byIdAndRegion.files(), "one budget for both");
        byId.forget("/t/part-0.parquet");
    }

    /** Kernel rolls a write into several files: each file's entry holds exactly the keys that file holds. */
    @Test
    void eachFileOfAWriteThatRollsHoldsItsOwnKeys(@TempDir Path dir) throws IOException {
        Engine engine = DeltaEngines.create(Map.of("delta.kernel.default.parquet.writer.targetMaxFileSize", "20000"));
        StructType schema = new StructType().add("id", LongType.LONG).add("name", StringType.STRING);
        DeltaAppender table =
                DeltaAppender.create(engine, dir.resolve("t").toString(), schema, List.of(), Map.of(), "d.a");
        KeyColumns key = new KeyColumns(schema, List.of("id"), "t");
        KeyIndex index = new KeyIndex(1 << 20);
        FileKeys keys = new FileKeys(index, key);
        List<FilteredColumnarBatch> batches = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            BatchBuilder rows = new BatchBuilder(schema);
            for (int i = 0; i < 1_000; i++) {
                rows.startRow();
                rows.column(0).appendLong(random.nextLong());
                rows.column(1).appendString("row " + b + "/" + i);
                rows.commitRow();
            }
            batches.add(keys.observe(new FilteredColumnarBatch(rows.build(), Optional.empty())));
        }
        Transaction txn = table.newTransaction(false);
        List<DataFileStatus> files = keys.indexWritten(
                        TableFiles.write(engine, txn, Map.of(), KernelIterators.of(batches)))
                .files();

        assertTrue(files.size() > 2, "the write rolled: " + files.size() + " files");
        List<long[]> idsOfFile = new ArrayList<>();
        for (DataFileStatus file : files) {
            idsOfFile.add(ids(engine, file));
        }
        for (int f = 0; f < files.size(); f++) {
            String path = files.get(f).getPath();
            for (long id : idsOfFile.get(f)) {
                assertEquals(
                        true, index.mayHoldAny(path, KeyIndex.hashes(List.of(List.of(id)))), path + " holds " + id);
            }
            for (int other = 0; other < files.size(); other++) {
                List<List<Object>> theirs = new ArrayList<>();
                for (long id : idsOfFile.get(other)) {
                    theirs.add(List.of(id));
                }
                if (other != f) {
                    assertEquals(
                            false,
                            index.mayHoldAny(path, KeyIndex.hashes(theirs)),
                            path + " has none of file " + other);
                }
            }
        }
    }

    private static long[] ids(Engine engine, DataFileStatus file) throws IOException {
        List<Long> ids = new ArrayList<>();
        try (CloseableIterator<FileReadResult> read = engine.getParquetHandler()
                .readParquetFiles(
                        KernelIterators.single(file), new StructType().add("id", LongType.LONG), Optional.empty())) {
            while (read.hasNext()) {
                var data = read.next().getData();
                for (int i = 0; i < data.getSize(); i++) {
                    ids.add(data.getColumnVector(0).getLong(i));
                }
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static byte[] bytes(Random r) {
        byte[] b = new byte[1 + r.nextInt(12)];
        r.nextBytes(b);
        return b;
    }

    /** An equal key of other objects (another buffer, another string instance). */
    private static List<Object> copy(List<Object> key) {
        List<Object> copy = new ArrayList<>();
        for (Object v : key) {
            if (v instanceof ByteBuffer b) {
                byte[] bytes = new byte[b.remaining()];
                b.duplicate().get(bytes);
                copy.add(ByteBuffer.wrap(bytes));
            } else if (v instanceof String s) {
                copy.add(new String(s.toCharArray()));
            } else {
                copy.add(v);
            }
        }
        return copy;
    }
}
