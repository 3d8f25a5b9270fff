package io.deltabridge.core.codec.debezium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.ChangeOp;
import io.deltabridge.core.codec.debezium.DecodedChanges.Change;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.schema.DdlParser;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Values of Kafka Connect's and Debezium's semantic types in JsonConverter's output with
 * {@code schemas.enable=true} (as the PostgreSQL connector writes them with its default
 * {@code time.precision.mode=adaptive} and {@code decimal.handling.mode=precise}), converted for the
 * columns that need them.
 */
class ConnectSemanticTypesTest {
    private static final StructType TABLE =
            DdlParser.parse("id INT NOT NULL, birth_date DATE, created_at TIMESTAMP_NTZ, "
                    + "updated_at TIMESTAMP, seen_at TIMESTAMP, nano_at TIMESTAMP_NTZ, zoned_at TIMESTAMP, balance DECIMAL(10,2), "
                    + "amount DECIMAL(12,3), raw_days INT, updated_ms BIGINT, note STRING");

    private static final String ROW_SCHEMA = "{\"type\":\"struct\",\"fields\":["
            + "{\"type\":\"int32\",\"optional\":false,\"field\":\"id\"},"
            + "{\"type\":\"int32\",\"optional\":true,\"name\":\"io.debezium.time.Date\",\"version\":1,\"field\":\"birth_date\"},"
            + "{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.MicroTimestamp\",\"version\":1,\"field\":\"created_at\"},"
            + "{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.Timestamp\",\"version\":1,\"field\":\"updated_at\"},"
            + "{\"type\":\"int64\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Timestamp\",\"version\":1,\"field\":\"seen_at\"},"
            + "{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.NanoTimestamp\",\"version\":1,\"field\":\"nano_at\"},"
            + "{\"type\":\"string\",\"optional\":true,\"name\":\"io.debezium.time.ZonedTimestamp\",\"version\":1,\"field\":\"zoned_at\"},"
            + "{\"type\":\"bytes\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Decimal\",\"version\":1,"
            + "\"parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"10\"},\"field\":\"balance\"},"
            + "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"field\":\"scale\"},"
            + "{\"type\":\"bytes\",\"optional\":false,\"field\":\"value\"}],\"optional\":true,"
            + "\"name\":\"io.debezium.data.VariableScaleDecimal\",\"version\":1,\"doc\":\"Variable scaled decimal\",\"field\":\"amount\"},"
            + "{\"type\":\"int32\",\"optional\":true,\"name\":\"io.debezium.time.Date\",\"version\":1,\"field\":\"raw_days\"},"
            + "{\"type\":\"int64\",\"optional\":true,\"name\":\"io.debezium.time.Timestamp\",\"version\":1,\"field\":\"updated_ms\"},"
            + "{\"type\":\"string\",\"optional\":true,\"field\":\"note\"}],"
            + "\"optional\":true,\"name\":\"dbserver1.public.accounts.Value\"";
    private static final String SCHEMA = "{\"type\":\"struct\",\"fields\":["
            + ROW_SCHEMA + ",\"field\":\"before\"}," + ROW_SCHEMA + ",\"field\":\"after\"},"
            + "{\"type\":\"string\",\"optional\":false,\"field\":\"op\"},{\"type\":\"int64\",\"optional\":true,\"field\":\"ts_ms\"}],"
            + "\"optional\":false,\"name\":\"dbserver1.public.accounts.Envelope\",\"version\":1}";

    private static final int DAYS = (int) LocalDate.of(1990, 2, 28).toEpochDay();
    private static final String ROW = "{\"id\":1,\"birth_date\":" + DAYS + ",\"created_at\":1700000000123456,"
            + "\"updated_at\":1700000000123,\"seen_at\":1700000000999,\"nano_at\":1700000000123456789,"
            + "\"zoned_at\":\"2023-11-14T23:13:20.5+01:00\",\"balance\":\"" + base64("1234567") + "\","
            + "\"amount\":{\"scale\":3,\"value\":\"" + base64("-125") + "\"},\"raw_days\":" + DAYS
            + ",\"updated_ms\":1700000000123,"
            + "\"note\":\"n\"}";
    private static final List<Object> DECODED = Arrays.asList(
            1,
            DAYS,
            1_700_000_000_123_456L,
            1_700_000_000_123_000L,
            1_700_000_000_999_000L,
            1_700_000_000_123_456L,
            1_700_000_000_500_000L,
            new BigDecimal("12345.67"),
            new BigDecimal("-0.125"),
            DAYS,
            1_700_000_000_123L,
            "n");

    private final DecodedChanges changes = new DecodedChanges(DebeziumDecoders.json(TABLE, Set.of()), TABLE);

    private static String base64(String unscaled) {
        return Base64.getEncoder().encodeToString(new java.math.BigInteger(unscaled).toByteArray());
    }

    private static byte[] wrapped(String before, String after, String op) {
        return ("{\"schema\":" + SCHEMA + ",\"payload\":{\"before\":" + before + ",\"after\":" + after + ",\"op\":\""
                        + op + "\",\"ts_ms\":1}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void semanticTypesBecomeTheColumnsValuesInEveryImage() {
        assertEquals(ChangeOp.UPSERT, changes.apply(null, wrapped("null", ROW, "c")));
        assertEquals(ChangeOp.UPSERT, changes.apply(null, wrapped(ROW, ROW, "u")));
        assertEquals(ChangeOp.DELETE, changes.apply(null, wrapped(ROW, "null", "d")));
        assertEquals(
                List.of(
                        new Change(ChangeOp.UPSERT, DECODED),
                        new Change(ChangeOp.UPSERT, DECODED),
                        new Change(ChangeOp.DELETE, DECODED)),
                changes.changes());
    }

    @Test
    void nullsAndValuesAlreadyInTheColumnsFormPassUnchanged() {
        String row = "{\"id\":2,\"birth_date\":\"1990-02-28\",\"created_at\":null,\"amount\":null}";
        changes.apply(null, wrapped("null", row, "c"));
        assertEquals(
                List.of(new Change(
                        ChangeOp.UPSERT,
                        Arrays.asList(2, DAYS, null, null, null, null, null, null, null, null, null, null))),
                changes.changes());
    }

    @Test
    void withoutTheSchemaTheValuesAreReadAsTheyAreAndReportedWhenTheyDoNotFit() {
        byte[] bare = ("{\"before\":null,\"after\":" + ROW + ",\"op\":\"c\"}").getBytes(StandardCharsets.UTF_8);
        DataException e = assertThrows(DataException.class, () -> changes.apply(null, bare));
        assertTrue(
                e.getMessage().contains("Field 'birth_date' expects DATE but the record has a JSON number"),
                e.getMessage());
    }

    @Test
    void valuesThatCannotBeConvertedAreDataErrorsNamingTheField() {
        DataException badBase64 = assertThrows(
                DataException.class, () -> changes.apply(null, wrapped("null", "{\"id\":3,\"balance\":\"***\"}", "c")));
        assertTrue(
                badBase64
                        .getMessage()
                        .contains("Field 'balance' expects a Kafka Connect decimal but the record has \"***\""),
                badBase64.getMessage());
        DataException overflow = assertThrows(
                DataException.class,
                () -> changes.apply(null, wrapped("null", "{\"id\":3,\"updated_at\":9223372036854775807}", "c")));
        assertTrue(overflow.getMessage().contains("Field 'updated_at'"), overflow.getMessage());
        DataException tooBig = assertThrows(
                DataException.class,
                () -> changes.apply(
                        null, wrapped("null", "{\"id\":3,\"balance\":\"" + base64("123456789012") + "\"}", "c")));
        assertTrue(tooBig.getMessage().contains("balance"), tooBig.getMessage());
        DataException noScale = assertThrows(
                DataException.class,
                () -> changes.apply(null, wrapped("null", "{\"id\":3,\"amount\":{\"value\":\"AQ==\"}}", "c")));
        assertTrue(
                noScale.getMessage().contains("Field 'amount' is an io.debezium.data.VariableScaleDecimal"),
                noScale.getMessage());
        changes.apply(null, wrapped("null", "{\"id\":4}", "c"));
        assertEquals(1, changes.changes().size());
    }
}
