package io.deltabridge.d2k;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.RowEncoder;
import io.deltabridge.core.codec.Utf8Buffer;
import io.deltabridge.core.codec.avro.AvroBinary;
import io.deltabridge.core.codec.avro.AvroRowEncoder;
import io.deltabridge.core.codec.avro.ConfluentAvroSerde;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.config.Envelope;
import io.deltabridge.core.config.RegistryClientKeys.WriterSchema;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.lineage.LineageHeaders;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.core.schema.avro.AvroNames;
import io.deltabridge.core.schema.avro.AvroSchemas;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * {@code format: avro}: Confluent wire format with the value schema registered under
 * {@code <topic>-value} (again whenever the table schema changes). With {@code envelope: debezium}
 * the registered value schema is the Debezium record around the row record.
 */
final class AvroEventFormat implements EventFormat {
    private final DeltaToKafkaMapping mapping;
    private final String tableUri;
    private final SchemaRegistryClient registry;
    private final ConfluentAvroSerde serde;
    private final Utf8Buffer envelope = new Utf8Buffer(2048);
    private RowEncoder key;
    private RowEncoder row;
    private AvroRowEncoder body;
    private int debeziumSchemaId;

    AvroEventFormat(DeltaToKafkaMapping mapping, String tableUri, SchemaRegistryClient registry) {
        this.mapping = mapping;
        this.tableUri = tableUri;
        this.registry = registry;
        this.serde = new ConfluentAvroSerde(registry);
    }

    @Override
    public String contentType() {
        return LineageHeaders.CONTENT_TYPE_AVRO;
    }

    @Override
    public void prepare(StructType tableSchema) {
        Projection p = Projection.of(mapping, tableSchema);
        Schema rowRecord = rowRecord(tableSchema, p, tableUri);
        key = KeyEncoders.create(mapping, tableSchema, p.keyOrdinals(), tableUri, Optional.of(serde));
        if (mapping.envelope() == Envelope.ROW) {
            row = serde.encoder(mapping.topic(), false, tableSchema, p.valueOrdinals(), rowRecord);
        } else {
            refuseLatestVersion(mapping, registry);
            body = new AvroRowEncoder(tableSchema, p.valueOrdinals(), rowRecord);
            Schema envelope = debeziumSchema(AvroNames.namespaceFor(tableUri), rowRecord);
            debeziumSchemaId = registry.register(registry.subject(mapping.topic(), false, envelope), envelope);
        }
    }

    /** Debezium envelopes are always written with the schema built around the table's row, which `use.latest.version` contradicts. */
    static void refuseLatestVersion(DeltaToKafkaMapping mapping, SchemaRegistryClient registry) {
        if (mapping.envelope() != Envelope.ROW && registry.writerSchema() != WriterSchema.DERIVED) {
            throw Problem.of(
                            "Mapping '%s' writes Debezium envelopes, which `use.latest.version` does not apply to",
                            mapping.name())
                    .because("the bridge builds the Debezium envelope schema around the table's row and registers it")
                    .fix("use `envelope: row` with `use.latest.version: true`, or set `use.latest.version: false`")
                    .config();
        }
    }

    /** The value schema registered for a table schema: the row record, or the Debezium record around it. */
    static Schema valueSchema(DeltaToKafkaMapping mapping, String tableUri, StructType tableSchema) {
        Schema rowRecord = rowRecord(tableSchema, Projection.of(mapping, tableSchema), tableUri);
        return mapping.envelope() == Envelope.ROW
                ? rowRecord
                : debeziumSchema(AvroNames.namespaceFor(tableUri), rowRecord);
    }

    private static Schema rowRecord(StructType tableSchema, Projection p, String tableUri) {
        return AvroSchemas.toAvro(AvroRowEncoder.project(tableSchema, p.valueOrdinals()), tableUri);
    }

    /** Debezium's change event shape, with the table's row record as {@code before} and {@code after}. */
    static Schema debeziumSchema(String namespace, Schema rowRecord) {
        Schema source = SchemaBuilder.record("Source")
                .namespace(namespace)
                .fields()
                .requiredString("connector")
                .requiredString("table")
                .requiredString("table_id")
                .requiredLong("version")
                .requiredLong("ts_ms")
                .endRecord();
        Schema nullableRow = AvroSchemas.nullable(rowRecord);
        return Schema.createRecord(
                "Envelope",
                "Debezium-style change event",
                namespace,
                false,
                List.of(
                        new Schema.Field("before", nullableRow, null, Schema.Field.NULL_DEFAULT_VALUE),
                        new Schema.Field(
                                "after", AvroSchemas.nullable(rowRecord), null, Schema.Field.NULL_DEFAULT_VALUE),
                        new Schema.Field("op", Schema.create(Schema.Type.STRING)),
                        new Schema.Field("source", source),
                        new Schema.Field("ts_ms", Schema.create(Schema.Type.LONG))));
    }

    @Override
    public byte[] key(ColumnarBatch data, int rowId) {
        return key.encode(data, rowId);
    }

    @Override
    public byte[] row(ColumnarBatch data, int rowId) {
        return row.encode(data, rowId);
    }

    @Override
    public byte[] rowBody(ColumnarBatch data, int rowId) {
        return body.encode(data, rowId);
    }

    @Override
    public byte[] debezium(byte[] before, byte[] after, String op, DebeziumSource source) {
        Utf8Buffer out = envelope;
        out.reset();
        ConfluentAvroSerde.writeHeader(out, debeziumSchemaId);
        writeNullable(out, before);
        writeNullable(out, after);
        AvroBinary.writeString(out, op);
        AvroBinary.writeString(out, "deltabridge");
        AvroBinary.writeString(out, source.table());
        AvroBinary.writeString(out, source.tableId());
        AvroBinary.writeLong(out, source.version());
        AvroBinary.writeLong(out, source.commitTimestamp());
        AvroBinary.writeLong(out, source.tsMs());
        return out.toByteArray();
    }

    private static void writeNullable(Utf8Buffer out, byte[] record) {
        if (record == null) {
            AvroBinary.writeIndex(out, 0);
        } else {
            AvroBinary.writeIndex(out, 1);
            out.writeBytes(record);
        }
    }
}
