package io.deltabridge.core.codec.debezium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.ChangeOp;
import io.deltabridge.core.codec.debezium.DecodedChanges.Change;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.schema.DdlParser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Debezium JSON events as the MySQL connector documents them for its {@code inventory.customers}
 * example table (JsonConverter with and without {@code schemas.enable}), decoded into changes.
 */
class DebeziumJsonDecoderTest {
    private static final StructType CUSTOMERS =
            DdlParser.parse("id INT NOT NULL, first_name STRING, last_name STRING, email STRING");

    /** The {@code source} block of the MySQL connector's events (documented shape). */
    private static final String SOURCE =
            "{\"version\":\"2.7.0.Final\",\"connector\":\"mysql\",\"name\":\"mysql-server-1\","
                    + "\"ts_ms\":1559033904000,\"snapshot\":\"false\",\"db\":\"inventory\",\"sequence\":null,\"table\":\"customers\","
                    + "\"server_id\":223344,\"gtid\":null,\"file\":\"mysql-bin.000003\",\"pos\":805,\"row\":0,\"thread\":7,\"query\":null}";

    private static final String ROW_1004 =
            "{\"id\":1004,\"first_name\":\"Anne\",\"last_name\":\"Kretchmar\"," + "\"email\":\"annek@noanswer.org\"}";
    private static final String ROW_1004_UPDATED =
            "{\"id\":1004,\"first_name\":\"Anne Marie\",\"last_name\":\"Kretchmar\","
                    + "\"email\":\"annek@noanswer.org\"}";

    /** The Connect schema JsonConverter writes beside the payload with {@code schemas.enable=true}. */
    private static final String VALUE_SCHEMA = "{\"type\":\"struct\",\"fields\":["
            + "{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"},"
            + "{\"type\":\"string\",\"optional\":false,\"field\":\"first_name\"},"
            + "{\"type\":\"string\",\"optional\":false,\"field\":\"last_name\"},"
            + "{\"type\":\"string\",\"optional\":false,\"field\":\"email\"}],"
            + "\"optional\":true,\"name\":\"mysql-server-1.inventory.customers.Value\"";

    private static final String ENVELOPE_SCHEMA = "{\"type\":\"struct\",\"fields\":["
            + VALUE_SCHEMA + ",\"field\":\"before\"}," + VALUE_SCHEMA + ",\"field\":\"after\"},"
            + "{\"type\":\"struct\",\"fields\":[{\"type\":\"string\",\"optional\":false,\"field\":\"connector\"}],"
            + "\"optional\":false,\"name\":\"io.debezium.connector.mysql.Source\",\"field\":\"source\"},"
            + "{\"type\":\"string\",\"optional\":false,\"field\":\"op\"},"
            + "{\"type\":\"int64\",\"optional\":true,\"field\":\"ts_ms\"},"
            + "{\"type\":\"struct\",\"fields\":[{\"type\":\"string\",\"optional\":false,\"field\":\"id\"}],"
            + "\"optional\":true,\"name\":\"event.block\",\"field\":\"transaction\"}],"
            + "\"optional\":false,\"name\":\"mysql-server-1.inventory.customers.Envelope\",\"version\":1}";

    private final DecodedChanges changes = new DecodedChanges(DebeziumDecoders.json(CUSTOMERS, Set.of()), CUSTOMERS);

    static String payload(String before, String after, String op) {
        return "{\"before\":" + before + ",\"after\":" + after + ",\"source\":" + SOURCE + ",\"op\":\"" + op
                + "\",\"ts_ms\":1559033904863,\"transaction\":null}";
    }

    static String wrapped(String payload) {
        return "{\"schema\":" + ENVELOPE_SCHEMA + ",\"payload\":" + payload + "}";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Object> customer(int id, String first, String last, String email) {
        return Arrays.asList(id, first, last, email);
    }

    @Test
    void createReadUpdateDeleteAndTombstoneWithoutTheSchemaWrapper() {
        assertEquals(ChangeOp.UPSERT, changes.apply(null, bytes(payload("null", ROW_1004, "r"))));
        assertEquals(ChangeOp.UPSERT, changes.apply(null, bytes(payload("null", ROW_1004, "c"))));
        assertEquals(ChangeOp.UPSERT, changes.apply(null, bytes(payload(ROW_1004, ROW_1004_UPDATED, "u"))));
        assertEquals(ChangeOp.DELETE, changes.apply(null, bytes(payload(ROW_1004_UPDATED, "null", "d"))));
        assertEquals(ChangeOp.SKIP, changes.apply(bytes("{\"id\":1004}"), null));
        List<Object> anne = customer(1004, "Anne", "Kretchmar", "annek@noanswer.org");
        List<Object> anneMarie = customer(1004, "Anne Marie", "Kretchmar", "annek@noanswer.org");
        assertEquals(
                List.of(
                        new Change(ChangeOp.UPSERT, anne),
                        new Change(ChangeOp.UPSERT, anne),
                        new Change(ChangeOp.UPSERT, anneMarie),
                        new Change(ChangeOp.DELETE, anneMarie)),
                changes.changes());
    }

    @Test
    void createUpdateDeleteAndTombstoneInTheSchemaWrapper() {
        assertEquals(ChangeOp.UPSERT, changes.apply(null, bytes(wrapped(payload("null", ROW_1004, "c")))));
        assertEquals(ChangeOp.UPSERT, changes.apply(null, bytes(wrapped(payload(ROW_1004, ROW_1004_UPDATED, "u")))));
        assertEquals(ChangeOp.DELETE, changes.apply(null, bytes(wrapped(payload(ROW_1004_UPDATED, "null", "d")))));
        assertEquals(ChangeOp.SKIP, changes.apply(null, null));
        // JsonConverter before Kafka 3.x wrote a tombstone as an envelope with a null payload
        assertEquals(ChangeOp.SKIP, changes.apply(null, bytes("{\"schema\":null,\"payload\":null}")));
        List<Object> anne = customer(1004, "Anne", "Kretchmar", "annek@noanswer.org");
        List<Object> anneMarie = customer(1004, "Anne Marie", "Kretchmar", "annek@noanswer.org");
        assertEquals(
                List.of(
                        new Change(ChangeOp.UPSERT, anne),
                        new Change(ChangeOp.UPSERT, anneMarie),
                        new Change(ChangeOp.DELETE, anneMarie)),
                changes.changes());
    }

    @Test
    void aDeleteWhoseBeforeHoldsOnlyTheKeyDeletesThatKey() {
        // PostgreSQL with REPLICA IDENTITY DEFAULT: 'before' of a delete carries the primary key only
        changes.apply(null, bytes(payload("{\"id\":1004}", "null", "d")));
        changes.apply(
                null,
                bytes(wrapped(
                        payload("{\"id\":1005,\"first_name\":null,\"last_name\":null,\"email\":null}", "null", "d"))));
        assertEquals(
                List.of(
                        new Change(ChangeOp.DELETE, customer(1004, null, null, null)),
                        new Change(ChangeOp.DELETE, customer(1005, null, null, null))),
                changes.changes());
    }

    @Test
    void fieldOrderDoesNotMatter() {
        changes.apply(null, bytes("{\"op\":\"d\",\"after\":null,\"before\":{\"id\":7},\"ts_ms\":1}"));
        changes.apply(
                null, bytes("{\"payload\":{\"op\":\"c\",\"after\":{\"id\":8}},\"schema\":{\"type\":\"struct\"}}"));
        assertEquals(
                List.of(
                        new Change(ChangeOp.DELETE, customer(7, null, null, null)),
                        new Change(ChangeOp.UPSERT, customer(8, null, null, null))),
                changes.changes());
    }

    @Test
    void lineageColumnsAreLeftToTheCallerAndUnknownFieldsAreRescued() {
        StructType schema =
                DdlParser.parse("id INT NOT NULL, email STRING, _kafka_offset BIGINT, _rescued_data STRING");
        DecodedChanges decoded = new DecodedChanges(DebeziumDecoders.json(schema, Set.of("_kafka_offset")), schema);
        decoded.apply(
                null,
                bytes(payload("null", "{\"id\":1,\"email\":\"a@b\",\"_kafka_offset\":5,\"city\":\"Oslo\"}", "c")));
        assertEquals(
                List.of(new Change(
                        ChangeOp.UPSERT, Arrays.asList(1, "a@b", null, "{\"_kafka_offset\":5,\"city\":\"Oslo\"}"))),
                decoded.changes());
    }

    @Test
    void nestingBeyondJacksonsLimitInAPartNotDecodedIsADataError() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        DataException e = assertThrows(
                DataException.class,
                () -> changes.apply(null, bytes("{\"source\":" + deep + ",\"op\":\"c\",\"after\":{\"id\":1}}")));
        assertTrue(e.getMessage().contains("Debezium event is not valid JSON"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"before\":null,\"after\":{\"id\":1}}|Debezium event has no 'op'",
                "{\"before\":null,\"after\":{\"id\":1},\"op\":null}|Debezium event has no 'op'",
                "{\"schema\":{},\"payload\":{\"after\":{\"id\":1}}}|Debezium event has no 'op'",
                "{\"after\":{\"id\":1},\"op\":1}|Debezium event's 'op' is a JSON number",
                "{\"after\":{\"id\":1},\"op\":\"x\"}|Debezium event has unknown op 'x'",
                "{\"before\":{\"id\":1},\"after\":null,\"op\":\"d\"}|",
                "{\"before\":null,\"after\":null,\"op\":\"d\"}|Debezium event with op 'd' has no 'before'",
                "{\"after\":null,\"op\":\"d\"}|Debezium event with op 'd' has no 'before'",
                "{\"before\":{\"id\":1},\"op\":\"u\"}|Debezium event with op 'u' has no 'after'",
                "{\"before\":null,\"after\":null,\"op\":\"c\"}|Debezium event with op 'c' has no 'after'",
                "{\"after\":[1],\"op\":\"c\"}|Debezium event's 'after' is a JSON array",
                "{\"after\":{\"id\":\"1\"},\"op\":\"c\"}|Field 'id' expects INT but the record has a JSON string",
                "{\"before\":{\"id\":1.5},\"op\":\"d\"}|Field 'id' expects INT but the record has a JSON number",
                "{\"after\":{\"id\":1,\"city\":\"Oslo\"},\"op\":\"c\"}|Field 'city' is not a column of the table",
                "{\"after\":{\"first_name\":\"x\"},\"op\":\"c\"}|Missing value for NOT NULL column 'id'",
                "{\"op\":\"t\",\"before\":null,\"after\":null}|Debezium truncate event (op 't') cannot be applied by key",
                "{\"op\":\"m\",\"message\":{\"prefix\":\"p\",\"content\":\"AQID\"}}|Debezium message event (op 'm') is not a row change",
                "{\"schema\":{},\"payload\":7}|Debezium event's 'payload' is a JSON number",
                "[]|Debezium event is not a JSON object",
                "''|Debezium event is not a JSON object",
                "{\"op\":\"c\",\"after\":{\"id\":1}} {}|Debezium event has data after its JSON object",
                "{\"op\":\"c\",\"after\":{\"id\":1}|Debezium event is not valid JSON"
            })
    void malformedEventsAreDataErrorsThatSayWhatAndHowToFixIt(String event, String message) {
        String value = event.equals("''") ? "" : event;
        if (message == null) {
            assertEquals(ChangeOp.DELETE, changes.apply(null, bytes(value))); // the control case: well formed
            return;
        }
        DataException e = assertThrows(DataException.class, () -> changes.apply(null, bytes(value)));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.fix() != null && !e.fix().isBlank(), e.getMessage());
        changes.apply(null, bytes(payload("null", "{\"id\":2}", "c")));
        assertEquals(List.of(new Change(ChangeOp.UPSERT, customer(2, null, null, null))), changes.changes());
    }
}
