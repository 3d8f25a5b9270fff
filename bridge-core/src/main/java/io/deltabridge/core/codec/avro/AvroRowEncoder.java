package io.deltabridge.core.codec.avro;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.RowEncoder;
import io.deltabridge.core.codec.Utf8Buffer;
import io.deltabridge.core.codec.avro.AvroWriters.ValueWriter;
import io.deltabridge.core.schema.avro.AvroSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.avro.Schema;

/**
 * Writes rows of a Kernel batch as Avro binary (no framing; {@link ConfluentAvroSerde} adds the
 * Confluent header), straight from the column vectors into a reused buffer: the tree of writers is
 * built once for the schema, so a row costs no per-row objects besides what Kernel's getters return.
 *
 * <p>{@link #writeRow} writes the record's fields into a caller's buffer, so an envelope (Debezium
 * {@code before} / {@code after}) can nest the row as a record of its own.
 */
public final class AvroRowEncoder implements RowEncoder {
    private final Schema schema;
    private final int[] projection;
    private final ValueWriter[] columns;
    private final Utf8Buffer buffer = new Utf8Buffer(256);

    /** Encodes every column of {@code batchSchema} as the record {@code avroRecord} (see {@link AvroSchemas#toAvro}). */
    public AvroRowEncoder(StructType batchSchema, Schema avroRecord) {
        this(batchSchema, IntStream.range(0, batchSchema.length()).toArray(), avroRecord);
    }

    /**
     * Encodes the columns at {@code projection} (batch ordinals, in output order) as the record
     * {@code avroRecord}, whose fields are those columns in that order.
     */
    public AvroRowEncoder(StructType batchSchema, int[] projection, Schema avroRecord) {
        this(
                avroRecord,
                projection.clone(),
                AvroWriters.structFields(project(batchSchema, projection), avroRecord, ""));
    }

    /** Writes field {@code i} of {@code avroRecord} with {@code columns[i]} from batch column {@code projection[i]} (none when negative). */
    AvroRowEncoder(Schema avroRecord, int[] projection, ValueWriter[] columns) {
        this.schema = avroRecord;
        this.projection = projection;
        this.columns = columns;
    }

    /** The projection of {@code schema} to {@code ordinals}, in that order. */
    public static StructType project(StructType schema, int[] ordinals) {
        List<StructField> fields = new ArrayList<>(ordinals.length);
        for (int ordinal : ordinals) {
            fields.add(schema.at(ordinal));
        }
        return new StructType(fields);
    }

    /** The Avro record schema this encoder writes. */
    public Schema schema() {
        return schema;
    }

    @Override
    public byte[] encode(ColumnarBatch batch, int rowId) {
        buffer.reset();
        writeRow(batch, rowId, buffer);
        return buffer.toByteArray();
    }

    /** Appends the row's Avro record encoding (its fields in order) to {@code out}. */
    public void writeRow(ColumnarBatch batch, int rowId, Utf8Buffer out) {
        for (int i = 0; i < columns.length; i++) {
            int column = projection[i];
            columns[i].write(column < 0 ? null : batch.getColumnVector(column), rowId, out);
        }
    }
}
