package io.deltabridge.core.codec.avro;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.RowDecoder;
import io.deltabridge.core.codec.RowEncoder;
import io.deltabridge.core.codec.Utf8Buffer;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.format.ConfluentWireFormat;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.core.vector.BatchBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Avro with a schema registry in the Confluent wire format, both directions: {@link #encoder}
 * registers the record schema under a subject once and frames every row with its id;
 * {@link #decoder} reads the id of each record, fetches the writer schema by id (cached by the
 * registry client) and decodes with an {@link AvroRowDecoder} built once per id.
 */
public final class ConfluentAvroSerde {
    private final SchemaRegistryClient registry;
    private final Duration unknownIdMemory;

    public ConfluentAvroSerde(SchemaRegistryClient registry) {
        this(registry, Duration.ofSeconds(30));
    }

    ConfluentAvroSerde(SchemaRegistryClient registry, Duration unknownIdMemory) {
        this.registry = registry;
        this.unknownIdMemory = unknownIdMemory;
    }

    /**
     * An encoder of the columns {@code projection} of {@code batchSchema} as the record {@code avroRecord},
     * registered now under {@code subject} (e.g. {@code <topic>-value}). Throws the registry's errors
     * (incompatible schema, unreachable) here rather than on the first row.
     */
    public Encoder encoder(String subject, StructType batchSchema, int[] projection, Schema avroRecord) {
        AvroRowEncoder rows = new AvroRowEncoder(batchSchema, projection, avroRecord);
        return new Encoder(registry.register(subject, avroRecord), rows);
    }

    /** A decoder of registry-framed Avro records into rows of {@code target} (see {@link AvroRowDecoder}). */
    public Decoder decoder(StructType target, Set<String> callerColumns) {
        return new Decoder(registry, target, callerColumns, unknownIdMemory);
    }

    /** Starts a framed message in {@code out}: the Confluent header for {@code schemaId}; Avro binary follows. */
    public static void writeHeader(Utf8Buffer out, int schemaId) {
        byte[] b = out.reserve(ConfluentWireFormat.HEADER_SIZE);
        ConfluentWireFormat.writeHeader(schemaId, b, out.position());
        out.advanceTo(out.position() + ConfluentWireFormat.HEADER_SIZE);
    }

    /** Rows as framed Avro with a registered schema id. Not thread-safe (reuses a buffer). */
    public static final class Encoder implements RowEncoder {
        private final int schemaId;
        private final AvroRowEncoder rows;
        private final Utf8Buffer buffer = new Utf8Buffer(256);

        private Encoder(int schemaId, AvroRowEncoder rows) {
            this.schemaId = schemaId;
            this.rows = rows;
        }

        /** The registry id written into every message. */
        public int schemaId() {
            return schemaId;
        }

        public Schema schema() {
            return rows.schema();
        }

        @Override
        public byte[] encode(ColumnarBatch batch, int rowId) {
            buffer.reset();
            writeHeader(buffer, schemaId);
            rows.writeRow(batch, rowId, buffer);
            return buffer.toByteArray();
        }
    }

    /**
     * Framed Avro records into table rows. A schema id that cannot be fetched or mapped fails every
     * record that uses it with the same {@link DataException} for a while ({@code unknownIdMemory}:
     * a new id may not have reached every registry node yet, so it is asked again later); registry
     * outages and refusals are not data errors and are not remembered.
     */
    public static final class Decoder implements RowDecoder {
        private final SchemaRegistryClient registry;
        private final StructType target;
        private final Set<String> callerColumns;
        private final long unknownIdMemoryNanos;
        private final Map<Integer, Object> decodersById = new ConcurrentHashMap<>();

        private Decoder(SchemaRegistryClient registry, StructType target, Set<String> callerColumns, Duration unknownIdMemory) {
            this.registry = registry;
            this.target = target;
            this.callerColumns = Set.copyOf(callerColumns);
            this.unknownIdMemoryNanos = unknownIdMemory.toNanos();
        }

        @Override
        public void decodeInto(byte[] data, int offset, int length, BatchBuilder batch) {
            int id = ConfluentWireFormat.schemaId(data, offset, length);
            Object decoder = decodersById.get(id);
            if (decoder == null || decoder instanceof Failed f && System.nanoTime() - f.atNanos() >= unknownIdMemoryNanos) {
                decoder = build(id);
                decodersById.put(id, decoder);
            }
            if (decoder instanceof Failed failed) {
                throw failed.error();
            }
            ((AvroRowDecoder) decoder).decodeInto(data, offset + ConfluentWireFormat.HEADER_SIZE,
                length - ConfluentWireFormat.HEADER_SIZE, batch);
        }

        /** The decoder for a schema id, or the data error that records with this id get for a while. */
        private Object build(int id) {
            try {
                return new AvroRowDecoder(registry.schemaById(id), target, callerColumns);
            } catch (DataException e) {
                return new Failed(e, System.nanoTime());
            }
        }

        private record Failed(DataException error, long atNanos) {}
    }
}
