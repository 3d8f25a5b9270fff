package io.deltabridge.k2d.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.vector.BatchBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartitionBuffersTest {
    private static final StructType SCHEMA =
            new StructType().add("id", LongType.LONG).add("part", StringType.STRING);

    private record Written(String part, List<Long> ids) {}

    private final List<Written> written = new ArrayList<>();

    @Test
    void rowsOfManyChunksBecomeOneWritePerValueAtTheEnd() {
        PartitionBuffers buffers = new PartitionBuffers(Long.MAX_VALUE);
        for (int chunk = 0; chunk < 5; chunk++) {
            add(buffers, chunk(chunk * 100, 100, i -> "p" + (i % 10)));
        }
        assertEquals(List.of(), written, "nothing written before the end while within the bound");
        buffers.drain(this::record);
        assertEquals(10, written.size(), "one write per value");
        assertEveryRowOnceInItsValue(500, i -> "p" + (i % 10));
    }

    @Test
    void pastTheBoundTheLargestBuffersAreWrittenFirst() {
        // "big" gets 90 rows of each chunk, ten small values 1 row each
        PartitionBuffers buffers = new PartitionBuffers(1_000);
        add(buffers, chunk(0, 100, i -> i % 10 == 0 ? "s" + (i / 10) : "big"));
        assertEquals(1, written.size(), "only the largest buffer is written: " + written);
        assertEquals("big", written.get(0).part());
        assertEquals(90, written.get(0).ids().size());
        buffers.drain(this::record);
        assertEveryRowOnceInItsValue(100, i -> i % 10 == 0 ? "s" + (i / 10) : "big");
    }

    private void assertEveryRowOnceInItsValue(int rows, java.util.function.IntFunction<String> partOf) {
        Set<Long> seen = new HashSet<>();
        for (Written w : written) {
            for (long id : w.ids()) {
                assertTrue(seen.add(id), "row " + id + " written twice");
                assertEquals(partOf.apply((int) id), w.part(), "value of row " + id);
            }
        }
        assertEquals(rows, seen.size());
    }

    private void add(PartitionBuffers buffers, ColumnarBatch chunk) {
        buffers.add(chunk, Partitions.group(chunk, List.of("part")), this::record);
    }

    private void record(java.util.Map<String, io.delta.kernel.expressions.Literal> values, ColumnarBatch rows) {
        List<Long> ids = new ArrayList<>();
        for (int r = 0; r < rows.getSize(); r++) {
            ids.add(rows.getColumnVector(0).getLong(r));
            assertEquals(values.get("part").getValue(), rows.getColumnVector(1).getString(r));
        }
        written.add(new Written((String) values.get("part").getValue(), ids));
    }

    private static ColumnarBatch chunk(int from, int rows, java.util.function.IntFunction<String> partOf) {
        BatchBuilder b = new BatchBuilder(SCHEMA);
        for (int i = from; i < from + rows; i++) {
            b.startRow();
            b.column(0).appendLong(i);
            b.column(1).appendString(partOf.apply(i));
            b.commitRow();
        }
        return b.build();
    }
}
