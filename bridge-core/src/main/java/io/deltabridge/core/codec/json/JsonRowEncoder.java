package io.deltabridge.core.codec.json;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.RowEncoder;
import io.deltabridge.core.codec.Utf8Buffer;
import java.util.stream.IntStream;

/**
 * Encodes a row as a JSON object (SPEC §7) straight from the column vectors into a reused UTF-8
 * buffer: field names are pre-encoded, and the per-type writers are built once here.
 *
 * <p>{@link #encode} returns the object as a new array; {@link #writeRow} appends it to a caller's
 * buffer, to nest rows in an envelope such as {@code {"before":{...},"after":{...},"op":"u"}}.
 * Not thread-safe.
 */
public final class JsonRowEncoder implements RowEncoder {
    private final int[] projection;
    private final byte[][] prefixes;
    private final JsonValueWriter[] writers;
    private final Utf8Buffer buffer = new Utf8Buffer(1024);

    /** Encodes every column of {@code schema}, in schema order. */
    public JsonRowEncoder(StructType schema) {
        this(schema, IntStream.range(0, schema.length()).toArray());
    }

    /**
     * Encodes the columns of {@code schema} (the batches' schema) at the ordinals in
     * {@code projection}, in that order, under their column names.
     */
    public JsonRowEncoder(StructType schema, int[] projection) {
        this.projection = projection.clone();
        this.prefixes = new byte[projection.length][];
        this.writers = new JsonValueWriter[projection.length];
        for (int i = 0; i < projection.length; i++) {
            StructField f = schema.at(projection[i]);
            prefixes[i] = JsonStrings.fieldNamePrefix(f.getName(), i == 0);
            writers[i] = JsonValueWriter.forType(f.getDataType());
        }
    }

    @Override
    public byte[] encode(ColumnarBatch batch, int rowId) {
        Utf8Buffer out = buffer;
        out.reset();
        writeRow(batch, rowId, out);
        return out.toByteArray();
    }

    /** Appends row {@code rowId} of {@code batch} to {@code out} as one JSON object. */
    public void writeRow(ColumnarBatch batch, int rowId, Utf8Buffer out) {
        if (writers.length == 0) {
            out.writeByte('{');
        }
        for (int i = 0; i < writers.length; i++) {
            out.writeBytes(prefixes[i]);
            writers[i].writeNullable(batch.getColumnVector(projection[i]), rowId, out);
        }
        out.writeByte('}');
    }
}
