package io.deltabridge.core.codec.debezium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.ChangeDecoder;
import io.deltabridge.core.codec.ChangeOp;
import io.deltabridge.core.codec.debezium.DecodedChanges.Change;
import io.deltabridge.core.config.RegistryConfig;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.format.ConfluentWireFormat;
import io.deltabridge.core.registry.HttpSchemaRegistryClient;
import io.deltabridge.core.schema.DdlParser;
import io.deltabridge.testkit.registry.ApicurioRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Debezium's Avro change events, as Confluent's AvroConverter writes them for a PostgreSQL table
 * (semantic types as {@code connect.name}, Connect's decimal and timestamp as Avro logical types),
 * registered in and fetched from a real Apicurio Registry.
 */
class DebeziumAvroDecoderIT {
    private static ApicurioRegistry registry;

    /** The row record of {@code inventory.customers}, as the AvroConverter derives it from Debezium's Connect schema. */
    static final String VALUE = """
        {"type":"record","name":"Value","namespace":"dbserver1.inventory.customers","fields":[
          {"name":"id","type":"int"},
          {"name":"first_name","type":"string"},
          {"name":"birth_date","type":["null",{"type":"int","connect.version":1,"connect.name":"io.debezium.time.Date"}],"default":null},
          {"name":"created_at","type":["null",{"type":"long","connect.version":1,"connect.name":"io.debezium.time.MicroTimestamp"}],"default":null},
          {"name":"updated_at","type":["null",{"type":"long","connect.version":1,"connect.name":"io.debezium.time.Timestamp"}],"default":null},
          {"name":"seen_at","type":["null",{"type":"long","connect.version":1,"connect.name":"org.apache.kafka.connect.data.Timestamp","logicalType":"timestamp-millis"}],"default":null},
          {"name":"balance","type":["null",{"type":"bytes","scale":2,"precision":10,"connect.version":1,
             "connect.parameters":{"scale":"2","connect.decimal.precision":"10"},
             "connect.name":"org.apache.kafka.connect.data.Decimal","logicalType":"decimal"}],"default":null},
          {"name":"credit","type":["null",{"type":"bytes","connect.version":1,"connect.parameters":{"scale":"3"},
             "connect.name":"org.apache.kafka.connect.data.Decimal"}],"default":null},
          {"name":"zoned_at","type":["null",{"type":"string","connect.version":1,"connect.name":"io.debezium.time.ZonedTimestamp"}],"default":null}],
         "connect.name":"dbserver1.inventory.customers.Value"}""";

    static final String ENVELOPE = """
        {"type":"record","name":"Envelope","namespace":"dbserver1.inventory.customers","fields":[
          {"name":"before","type":["null",%s],"default":null},
          {"name":"after","type":["null","Value"],"default":null},
          {"name":"source","type":{"type":"record","name":"Source","namespace":"io.debezium.connector.postgresql","fields":[
             {"name":"version","type":"string"},{"name":"connector","type":"string"},{"name":"name","type":"string"},
             {"name":"ts_ms","type":"long"},
             {"name":"snapshot","type":[{"type":"string","connect.version":1,"connect.parameters":{"allowed":"true,last,false,incremental"},
                "connect.default":"false","connect.name":"io.debezium.data.Enum"},"null"],"default":"false"},
             {"name":"db","type":"string"},{"name":"sequence","type":["null","string"],"default":null},
             {"name":"schema","type":"string"},{"name":"table","type":"string"},
             {"name":"txId","type":["null","long"],"default":null},{"name":"lsn","type":["null","long"],"default":null},
             {"name":"xmin","type":["null","long"],"default":null}],"connect.name":"io.debezium.connector.postgresql.Source"}},
          {"name":"op","type":"string"},
          {"name":"ts_ms","type":["null","long"],"default":null},
          {"name":"transaction","type":["null",{"type":"record","name":"block","namespace":"event","fields":[
             {"name":"id","type":"string"},{"name":"total_order","type":"long"},{"name":"data_collection_order","type":"long"}],
             "connect.version":1,"connect.name":"event.block"}],"default":null}],
         "connect.version":1,"connect.name":"dbserver1.inventory.customers.Envelope"}""".formatted(VALUE);
    static final StructType CUSTOMERS = DdlParser.parse(
            "id INT NOT NULL, first_name STRING, birth_date DATE, "
                    + "created_at TIMESTAMP_NTZ, updated_at TIMESTAMP_NTZ, seen_at TIMESTAMP, balance DECIMAL(10,2), credit DECIMAL(12,3), zoned_at TIMESTAMP");

    private final Schema envelope = new Schema.Parser().parse(ENVELOPE);
    private HttpSchemaRegistryClient client;
    private int envelopeId;

    @BeforeAll
    static void startRegistry() {
        registry = ApicurioRegistry.shared();
    }

    @BeforeEach
    void register() {
        client = new HttpSchemaRegistryClient(new RegistryConfig(registry.confluentUrl(), Optional.empty(), Map.of()));
        envelopeId = client.register("dbserver1.inventory.customers-value", envelope);
    }

    @AfterEach
    void close() {
        client.close();
    }

    private GenericRecord row(int id, String firstName) {
        GenericRecord row = new GenericData.Record(
                envelope.getField("after").schema().getTypes().get(1));
        row.put("id", id);
        row.put("first_name", firstName);
        return row;
    }

    private GenericRecord source() {
        GenericRecord source =
                new GenericData.Record(envelope.getField("source").schema());
        source.put("version", "2.7.0.Final");
        source.put("connector", "postgresql");
        source.put("name", "dbserver1");
        source.put("ts_ms", 1_700_000_000_000L);
        source.put("snapshot", "false");
        source.put("db", "postgres");
        source.put("schema", "inventory");
        source.put("table", "customers");
        source.put("lsn", 24_023_128L);
        return source;
    }

    /** The framed event, written by Avro's own writer with the registered schema. */
    private byte[] event(GenericRecord before, GenericRecord after, String op) {
        GenericRecord event = new GenericData.Record(envelope);
        event.put("before", before);
        event.put("after", after);
        event.put("source", source());
        event.put("op", op);
        event.put("ts_ms", 1_700_000_000_123L);
        GenericRecord tx = new GenericData.Record(
                envelope.getField("transaction").schema().getTypes().get(1));
        tx.put("id", "571:53195829");
        tx.put("total_order", 1L);
        tx.put("data_collection_order", 1L);
        event.put("transaction", tx);
        return ConfluentWireFormat.frame(envelopeId, avro(envelope, event));
    }

    static byte[] avro(Schema schema, GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private DecodedChanges decoder() {
        ChangeDecoder decoder = DebeziumDecoders.avro(client, CUSTOMERS, Set.of());
        return new DecodedChanges(decoder, CUSTOMERS);
    }

    @Test
    void everyOpAndTheTombstoneWithSemanticTypesConverted() {
        GenericRecord anne = row(1004, "Anne");
        anne.put("birth_date", (int) LocalDate.of(1990, 2, 28).toEpochDay());
        anne.put("created_at", 1_700_000_000_123_456L);
        anne.put("updated_at", 1_700_000_000_123L);
        anne.put("seen_at", 1_700_000_000_999L);
        anne.put(
                "balance",
                ByteBuffer.wrap(new BigDecimal("12345.67").unscaledValue().toByteArray()));
        anne.put(
                "credit",
                ByteBuffer.wrap(new BigDecimal("-0.125").unscaledValue().toByteArray()));
        anne.put("zoned_at", "2023-11-14T23:13:20.5+01:00");
        GenericRecord anneMarie = new GenericData.Record((GenericData.Record) anne, true);
        anneMarie.put("first_name", "Anne Marie");
        DecodedChanges changes = decoder();
        assertEquals(ChangeOp.UPSERT, changes.apply(null, event(null, anne, "r")));
        assertEquals(ChangeOp.UPSERT, changes.apply(null, event(null, row(1005, "Bob"), "c")));
        assertEquals(ChangeOp.UPSERT, changes.apply(null, event(anne, anneMarie, "u")));
        assertEquals(ChangeOp.DELETE, changes.apply(null, event(anneMarie, null, "d")));
        assertEquals(ChangeOp.SKIP, changes.apply(null, null));
        // PostgreSQL's REPLICA IDENTITY DEFAULT: the delete's 'before' has the key only
        assertEquals(ChangeOp.DELETE, changes.apply(null, event(row(1005, ""), null, "d")));

        List<Object> anneRow = Arrays.asList(
                1004,
                "Anne",
                (int) LocalDate.of(1990, 2, 28).toEpochDay(),
                1_700_000_000_123_456L,
                1_700_000_000_123_000L,
                1_700_000_000_999_000L,
                new BigDecimal("12345.67"),
                new BigDecimal("-0.125"),
                1_700_000_000_500_000L);
        List<Object> anneMarieRow = new ArrayList<>(anneRow);
        anneMarieRow.set(1, "Anne Marie");
        List<Object> bob = Arrays.asList(1005, "Bob", null, null, null, null, null, null, null);
        List<Object> bobKey = Arrays.asList(1005, "", null, null, null, null, null, null, null);
        assertEquals(
                List.of(
                        new Change(ChangeOp.UPSERT, anneRow),
                        new Change(ChangeOp.UPSERT, bob),
                        new Change(ChangeOp.UPSERT, anneMarieRow),
                        new Change(ChangeOp.DELETE, anneMarieRow),
                        new Change(ChangeOp.DELETE, bobKey)),
                changes.changes());
    }

    @Test
    void malformedEventsAreDataErrors() {
        DecodedChanges changes = decoder();
        assertError("Debezium event with op 'd' has no 'before'", () -> changes.apply(null, event(null, null, "d")));
        assertError(
                "Debezium event with op 'c' has no 'after'", () -> changes.apply(null, event(row(1, "x"), null, "c")));
        assertError(
                "Debezium truncate event (op 't') cannot be applied by key",
                () -> changes.apply(null, event(null, null, "t")));
        assertError("Debezium event has unknown op ''", () -> changes.apply(null, event(null, row(1, "x"), "")));
        byte[] good = event(null, row(1, "x"), "c");
        assertError("is not valid Avro", () -> changes.apply(null, Arrays.copyOf(good, good.length - 3)));
        assertError(
                "Debezium event is not valid Avro", () -> changes.apply(null, Arrays.copyOf(good, good.length + 1)));
        assertError("Cannot read a registry-encoded", () -> changes.apply(null, "{\"op\":\"c\"}".getBytes()));

        // a plain row record registered for the topic is not a change event
        Schema value = new Schema.Parser().parse(VALUE);
        int rowId = client.register("plain-customers-value", value);
        GenericRecord plain = new GenericData.Record(value);
        plain.put("id", 1);
        plain.put("first_name", "x");
        assertError(
                "Avro schema dbserver1.inventory.customers.Value is not a Debezium change event",
                () -> changes.apply(null, ConfluentWireFormat.frame(rowId, avro(value, plain))));

        // the row image has a value the column cannot take
        StructType narrow = DdlParser.parse("id INT NOT NULL, first_name STRING, balance DECIMAL(4,2)");
        DecodedChanges narrowChanges = new DecodedChanges(
                DebeziumDecoders.avro(
                        client, narrow, Set.of("birth_date", "created_at", "updated_at", "seen_at", "credit")),
                narrow);
        GenericRecord rich = row(2, "y");
        rich.put(
                "balance",
                ByteBuffer.wrap(new BigDecimal("12345.67").unscaledValue().toByteArray()));
        assertError("balance", () -> narrowChanges.apply(null, event(null, rich, "c")));
        GenericRecord badTime = row(3, "z");
        badTime.put("zoned_at", "yesterday");
        assertError(
                "Field 'zoned_at' expects TIMESTAMP but the record has \"yesterday\"",
                () -> changes.apply(null, event(null, badTime, "c")));

        changes.apply(null, good);
        assertEquals(
                List.of(new Change(ChangeOp.UPSERT, Arrays.asList(1, "x", null, null, null, null, null, null, null))),
                changes.changes());
    }

    private static void assertError(String message, org.junit.jupiter.api.function.Executable decode) {
        DataException e = assertThrows(DataException.class, decode);
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.fix() != null && !e.fix().isBlank(), e.getMessage());
    }
}
