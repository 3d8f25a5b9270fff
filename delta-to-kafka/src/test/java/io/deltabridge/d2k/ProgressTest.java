package io.deltabridge.d2k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.error.DataException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void completeVersionResumesAtTheNextOne() {
        Progress p = Progress.completed(7, "tid", 1234);
        assertEquals(8, p.resumeVersion());
        assertEquals(0, p.resumeOrdinal());
        assertEquals(p, Progress.fromJson(p.toJson(), "t"));
    }

    @Test
    void partialVersionResumesInsideIt() {
        Progress p = Progress.partial(7, 500, "tid", 1234);
        assertEquals(7, p.resumeVersion());
        assertEquals(500, p.resumeOrdinal());
        Progress back = Progress.fromJson(p.toJson(), "t");
        assertEquals(p, back);
        String json = new String(p.toJson(), StandardCharsets.UTF_8);
        assertTrue(
                json.contains("\"version\":7")
                        && json.contains("\"ordinal\":500")
                        && json.contains("\"tableId\":\"tid\""),
                json);
    }

    @Test
    void unreadableRecordIsADataErrorWithAFix() {
        DataException e = assertThrows(
                DataException.class,
                () -> Progress.fromJson("{\"nope\":1}".getBytes(StandardCharsets.UTF_8), "_p/b/m"));
        assertTrue(e.getMessage().contains("_p/b/m") && e.fix() != null, e.getMessage());
    }

    @Test
    void fileSettingsOverrideTunedDefaultsButNotTheTransactionalId() {
        Map<String, Object> o = ProducerSettings.overrides(
                Map.of("linger.ms", "50", "compression.type", "zstd", "transactional.id", "x"), "b.m");
        assertEquals("b.m", o.get("transactional.id"));
        assertTrue(!o.containsKey("linger.ms") && !o.containsKey("compression.type"), o.toString());
        assertEquals("all", o.get("acks"));
        assertEquals(true, o.get("enable.idempotence"));
    }
}
