package io.deltabridge.d2k;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.RowEncoder;
import io.deltabridge.core.codec.Utf8Buffer;
import io.deltabridge.core.codec.avro.ConfluentAvroSerde;
import io.deltabridge.core.codec.json.JsonRowEncoder;
import io.deltabridge.core.codec.json.JsonStrings;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.lineage.LineageHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code format: json} (SPEC §7), with a JSON or string key. The Debezium envelope is written
 * around the row objects: {@code {"before":…,"after":…,"op":"u","source":{…},"ts_ms":…}}.
 */
final class JsonEventFormat implements EventFormat {
    private static final byte[] BEFORE = bytes("{\"before\":");
    private static final byte[] AFTER = bytes(",\"after\":");
    private static final byte[] OP = bytes(",\"op\":");
    private static final byte[] SOURCE = bytes(",\"source\":{\"connector\":\"deltabridge\",\"table\":");
    private static final byte[] TABLE_ID = bytes(",\"table_id\":");
    private static final byte[] VERSION = bytes(",\"version\":");
    private static final byte[] SOURCE_TS = bytes(",\"ts_ms\":");
    private static final byte[] TS = bytes("},\"ts_ms\":");
    private static final byte[] NULL = bytes("null");

    private final DeltaToKafkaMapping mapping;
    private final String tableUri;
    private final Optional<ConfluentAvroSerde> avroKeys;
    private final Utf8Buffer envelope = new Utf8Buffer(2048);
    private RowEncoder key;
    private JsonRowEncoder row;

    /** @param avroKeys the registry-backed encoders for {@code key-format: avro} */
    JsonEventFormat(DeltaToKafkaMapping mapping, String tableUri, Optional<ConfluentAvroSerde> avroKeys) {
        this.mapping = mapping;
        this.tableUri = tableUri;
        this.avroKeys = avroKeys;
    }

    @Override
    public String contentType() {
        return LineageHeaders.CONTENT_TYPE_JSON;
    }

    @Override
    public void prepare(StructType tableSchema) {
        Projection p = Projection.of(mapping, tableSchema);
        row = new JsonRowEncoder(tableSchema, p.valueOrdinals());
        key = KeyEncoders.create(mapping, tableSchema, p.keyOrdinals(), tableUri, avroKeys);
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
        return row.encode(data, rowId);
    }

    @Override
    public byte[] debezium(byte[] before, byte[] after, String op, DebeziumSource source) {
        Utf8Buffer out = envelope;
        out.reset();
        out.writeBytes(BEFORE);
        out.writeBytes(before == null ? NULL : before);
        out.writeBytes(AFTER);
        out.writeBytes(after == null ? NULL : after);
        out.writeBytes(OP);
        JsonStrings.writeString(out, op);
        out.writeBytes(SOURCE);
        JsonStrings.writeString(out, source.table());
        out.writeBytes(TABLE_ID);
        JsonStrings.writeString(out, source.tableId());
        out.writeBytes(VERSION);
        out.writeLong(source.version());
        out.writeBytes(SOURCE_TS);
        out.writeLong(source.commitTimestamp());
        out.writeBytes(TS);
        out.writeLong(source.tsMs());
        out.writeByte('}');
        return out.toByteArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
