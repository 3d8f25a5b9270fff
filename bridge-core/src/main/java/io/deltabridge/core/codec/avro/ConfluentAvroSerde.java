package io.deltabridge.core.codec.avro;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.RowDecoder;
import io.deltabridge.core.codec.RowEncoder;
import io.deltabridge.core.codec.Utf8Buffer;
import io.deltabridge.core.config.RegistryClientKeys.WriterSchema;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.format.ConfluentWireFormat;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.core.registry.SchemaRegistryClient.RegisteredSchema;
import io.deltabridge.core.vector.BatchBuilder;
import java.time.Duration;
import java.util.Set;
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
        this(registry, SchemaIdCache.UNKNOWN_ID_MEMORY);
    }

    ConfluentAvroSerde(SchemaRegistryClient registry, Duration unknownIdMemory) {
        this.registry = registry;
        this.unknownIdMemory = unknownIdMemory;
    }

    /**
     * An encoder of the columns {@code projection} of {@code batchSchema} as the record {@code avroRecord},
     * registered now under {@code subject} (e.g. {@code <topic>-value}); with {@code use.latest.version}, as the
     * subject's latest schema instead (see {@link LatestSchemaWriter}). Throws the registry's errors
     * (incompatible schema, unreachable) here rather than on the first row.
     */
    public Encoder encoder(String subject, StructType batchSchema, int[] projection, Schema avroRecord) {
        WriterSchema writer = registry.writerSchema();
        if (writer == WriterSchema.DERIVED) {
            AvroRowEncoder rows = new AvroRowEncoder(batchSchema, projection, avroRecord);
            return new Encoder(registry.register(subject, avroRecord), rows);
        }
        RegisteredSchema latest = registry.latest(subject)
                .orElseThrow(() -> Problem.of("Subject '%s' has no schema registered to write with", subject)
                        .because(
                                "`use.latest.version` is true, so the bridge writes with the latest schema of the subject and registers none")
                        .fix(
                                "register the schema under '%s' (`bridge schema -m <mapping>` shows the one derived from the table), "
                                        + "or set `use.latest.version: false`",
                                subject)
                        .config());
        return new Encoder(
                latest.id(),
                LatestSchemaWriter.onto(
                        latest,
                        batchSchema,
                        projection,
                        avroRecord,
                        writer == WriterSchema.LATEST_BACKWARD_COMPATIBLE));
    }

    /** {@link #encoder(String, StructType, int[], Schema)} under the subject the registry's naming strategy gives a key or value of {@code topic}. */
    public Encoder encoder(String topic, boolean isKey, StructType batchSchema, int[] projection, Schema avroRecord) {
        return encoder(registry.subject(topic, isKey, avroRecord), batchSchema, projection, avroRecord);
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
     * Framed Avro records into table rows, with an {@link AvroRowDecoder} per writer schema id
     * (unknown ids are remembered for a while, see {@link SchemaIdCache}).
     */
    public static final class Decoder implements RowDecoder {
        private final SchemaIdCache<AvroRowDecoder> decoders;

        private Decoder(
                SchemaRegistryClient registry, StructType target, Set<String> callerColumns, Duration unknownIdMemory) {
            Set<String> caller = Set.copyOf(callerColumns);
            this.decoders = new SchemaIdCache<>(
                    registry, unknownIdMemory, writer -> new AvroRowDecoder(writer, target, caller));
        }

        @Override
        public void decodeInto(byte[] data, int offset, int length, BatchBuilder batch) {
            int id = ConfluentWireFormat.schemaId(data, offset, length);
            decoders.get(id)
                    .decodeInto(
                            data,
                            offset + ConfluentWireFormat.HEADER_SIZE,
                            length - ConfluentWireFormat.HEADER_SIZE,
                            batch);
        }
    }
}
