package io.deltabridge.core.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.config.HeaderSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class LineageHeadersTest {
    private final LineageHeaders.Encoder encoder =
            LineageHeaders.encoder("b1", "m1", "file:/lake/t", LineageHeaders.CONTENT_TYPE_JSON, HeaderSet.ALL);

    @Test
    void everyEventCarriesEveryHeaderOfSpecSection7() {
        Headers headers = encoder.forVersion("tid-1", 7, 1_741_000_000_123L).of(ChangeKind.UPDATE, 42);
        List<String> names = new ArrayList<>();
        headers.forEach(h -> names.add(h.key()));
        assertEquals(LineageHeaders.ALL, names);
        Map<String, String> decoded = LineageHeaders.decode(headers);
        assertEquals("file:/lake/t", decoded.get("deltabridge.source"));
        assertEquals("tid-1", decoded.get("deltabridge.table.id"));
        assertEquals("7", decoded.get("deltabridge.version"));
        assertEquals("1741000000123", decoded.get("deltabridge.commit.timestamp"));
        assertEquals("update_postimage", decoded.get("deltabridge.change.type"));
        assertEquals("b1", decoded.get("deltabridge.bridge"));
        assertEquals("m1", decoded.get("deltabridge.mapping"));
        assertEquals("1.0", decoded.get("ce_specversion"));
        assertEquals("tid-1:7:42", decoded.get("ce_id"));
        assertEquals("file:/lake/t", decoded.get("ce_source"));
        assertEquals("io.deltabridge.change.update", decoded.get("ce_type"));
        assertEquals("2025-03-03T11:06:40.123Z", decoded.get("ce_time"));
        assertEquals(null, decoded.get("content-type"), "content-type is not lineage");
        assertEquals("application/json", text(headers.lastHeader("content-type")));
    }

    @Test
    void theLineageSetIsTheDeltabridgeHeadersAloneWithTheSameValues() {
        LineageHeaders.Encoder lineageOnly =
                LineageHeaders.encoder("b1", "m1", "file:/lake/t", LineageHeaders.CONTENT_TYPE_JSON, HeaderSet.LINEAGE);
        Headers all = encoder.forVersion("tid-1", 7, 1_741_000_000_123L).of(ChangeKind.DELETE, 42);
        Headers lineage = lineageOnly.forVersion("tid-1", 7, 1_741_000_000_123L).of(ChangeKind.DELETE, 42);

        List<String> names = new ArrayList<>();
        lineage.forEach(h -> names.add(h.key()));
        assertEquals(
                LineageHeaders.ALL.stream()
                        .filter(n -> n.startsWith("deltabridge."))
                        .toList(),
                names);
        Map<String, String> expected = new java.util.LinkedHashMap<>(LineageHeaders.decode(all));
        expected.keySet().removeIf(n -> !n.startsWith("deltabridge."));
        assertEquals(expected, LineageHeaders.decode(lineage));
    }

    @Test
    void ceIdEncodesOrdinalsOfAnyLength() {
        LineageHeaders.VersionHeaders v = encoder.forVersion("t", 0, 0);
        for (long ordinal : new long[] {0, 9, 10, 99, 100, 999_999_999_999L, 1_000_000_000_000L, Long.MAX_VALUE}) {
            assertEquals("t:0:" + ordinal, text(v.of(ChangeKind.INSERT, ordinal).lastHeader("ce_id")));
        }
    }

    @Test
    void changeTypesAndCloudEventTypes() {
        LineageHeaders.VersionHeaders v = encoder.forVersion("t", 1, 0);
        assertEquals("insert", text(v.of(ChangeKind.INSERT, 0).lastHeader("deltabridge.change.type")));
        assertEquals("delete", text(v.of(ChangeKind.DELETE, 0).lastHeader("deltabridge.change.type")));
        assertEquals(
                "io.deltabridge.change.delete", text(v.of(ChangeKind.DELETE, 0).lastHeader("ce_type")));
        assertEquals("1970-01-01T00:00:00Z", text(v.of(ChangeKind.INSERT, 0).lastHeader("ce_time")));
    }

    @Test
    void decodeKeepsOnlyLineageHeadersAndLoopGuardComparesSource() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("deltabridge.source", "file:/a".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", "x".getBytes(StandardCharsets.UTF_8));
        headers.add("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8));
        assertEquals(Map.of("deltabridge.source", "file:/a", "ce_id", "x"), LineageHeaders.decode(headers));
        assertTrue(LineageHeaders.comesFrom(headers, "file:/a"));
        assertFalse(LineageHeaders.comesFrom(headers, "file:/b"));
        assertFalse(LineageHeaders.comesFrom(new RecordHeaders(), "file:/a"));
    }

    @Test
    void loopGuardComparesTheSourceAsDecodedText() {
        assertTrue(comesFrom("file:/a/b", "file:/a/b"));
        assertFalse(comesFrom("file:/a/b", "file:/a/bc"));
        assertFalse(comesFrom("file:/a/bc", "file:/a/b"));
        assertFalse(comesFrom("", "file:/a"));
        assertTrue(comesFrom("", ""));
        assertTrue(comesFrom("s3a://b/Zürich café", "s3a://b/Zürich café"));
        assertFalse(comesFrom("s3a://b/Zürich café", "s3a://b/Zurich cafe"));
        assertFalse(comesFrom("s3a://b/Zurich", "s3a://b/Zürich"));
        RecordHeaders malformed = new RecordHeaders();
        malformed.add("deltabridge.source", new byte[] {'f', (byte) 0xC3});
        assertTrue(LineageHeaders.comesFrom(malformed, "f\uFFFD"));
        assertFalse(LineageHeaders.comesFrom(malformed, "f"));
        RecordHeaders nullValue = new RecordHeaders();
        nullValue.add("deltabridge.source", null);
        assertFalse(LineageHeaders.comesFrom(nullValue, ""));
    }

    private static boolean comesFrom(String source, String tableUri) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("deltabridge.source", source.getBytes(StandardCharsets.UTF_8));
        return LineageHeaders.comesFrom(headers, tableUri);
    }

    private static String text(Header h) {
        return new String(h.value(), StandardCharsets.UTF_8);
    }
}
