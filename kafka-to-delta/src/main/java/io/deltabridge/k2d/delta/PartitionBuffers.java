package io.deltabridge.k2d.delta;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.expressions.Literal;
import io.deltabridge.core.vector.BatchBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The rows of one flush per partition value, copied out of the chunks so that a value's rows of many chunks become one
 * file. Bounded: when the buffered bytes pass {@code maxBytes}, the largest buffers are written (largest first, down to
 * half the bound), so many values give a few files per value per flush instead of one per value per chunk.
 */
final class PartitionBuffers {
    private final long maxBytes;
    private final Map<List<Object>, Buffer> buffers = new HashMap<>();
    private long bytes;

    private static final class Buffer {
        final Map<String, Literal> partitionValues;
        final BatchBuilder rows;
        long bytes;

        Buffer(Map<String, Literal> partitionValues, BatchBuilder rows) {
            this.partitionValues = partitionValues;
            this.rows = rows;
        }
    }

    PartitionBuffers(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Copies the rows of {@code chunk} into the buffers of their values, in one pass over the rows; writes buffers to
     * stay within the bound.
     */
    void add(ColumnarBatch chunk, Partitions.Grouped grouped, BiConsumer<Map<String, Literal>, ColumnarBatch> write) {
        List<Partitions.Split> splits = grouped.splits();
        Buffer[] bufferOf = new Buffer[splits.size()];
        for (int g = 0; g < bufferOf.length; g++) {
            Partitions.Split split = splits.get(g);
            bufferOf[g] = buffers.computeIfAbsent(
                    split.key(), k -> new Buffer(split.partitionValues(), new BatchBuilder(chunk.getSchema())));
        }
        int[] groupOf = grouped.groupOf();
        for (int row = 0; row < chunk.getSize(); row++) {
            RowCopy.copy(chunk, row, bufferOf[groupOf[row]].rows);
        }
        for (Buffer b : bufferOf) {
            long measured = b.rows.byteSize();
            bytes += measured - b.bytes;
            b.bytes = measured;
        }
        if (bytes > maxBytes) {
            List<Map.Entry<List<Object>, Buffer>> largestFirst = new ArrayList<>(buffers.entrySet());
            largestFirst.sort(Comparator.comparingLong(e -> -e.getValue().bytes));
            for (Map.Entry<List<Object>, Buffer> e : largestFirst) {
                if (bytes <= maxBytes / 2) {
                    break;
                }
                writeAndDrop(e.getKey(), write);
            }
        }
    }

    /** Writes every buffer (the end of the flush). */
    void drain(BiConsumer<Map<String, Literal>, ColumnarBatch> write) {
        for (List<Object> key : List.copyOf(buffers.keySet())) {
            writeAndDrop(key, write);
        }
    }

    /** Writes one buffer and drops it: its memory is not kept for a value that may not come again. */
    private void writeAndDrop(List<Object> key, BiConsumer<Map<String, Literal>, ColumnarBatch> write) {
        Buffer b = buffers.remove(key);
        bytes -= b.bytes;
        write.accept(b.partitionValues, b.rows.build());
    }
}
