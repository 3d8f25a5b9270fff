package io.deltabridge.core.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.error.ConfigException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TableUrisTest {

    @Test
    void localPathsBecomeAbsoluteFileUris() {
        String expected = "file:" + Path.of("lake/t").toAbsolutePath();
        assertEquals(expected, TableUris.normalize("lake/t"));
        assertEquals(expected, TableUris.normalize("lake/./t/"));
        assertEquals("file:/lake/gold/t", TableUris.normalize("/lake/gold/t/"));
    }

    @Test
    void fileUrisInAnySpellingAreTheSame() {
        assertEquals("file:/lake/gold/t", TableUris.normalize("file:/lake/gold/t"));
        assertEquals("file:/lake/gold/t", TableUris.normalize("file:///lake/gold/t/"));
    }

    @Test
    void objectStoreUrisKeepSchemeAndAuthority() {
        assertEquals("s3a://bucket/p", TableUris.normalize("s3a://bucket/p/"));
        assertEquals(
                "abfss://c@acct.dfs.core.windows.net/t", TableUris.normalize("abfss://c@acct.dfs.core.windows.net/t"));
    }

    @Test
    void badLocationsAreConfigErrorsWithAFix() {
        ConfigException empty = assertThrows(ConfigException.class, () -> TableUris.normalize("  "));
        assertTrue(empty.fix().contains("s3a://"), empty.getMessage());
        ConfigException bad = assertThrows(ConfigException.class, () -> TableUris.normalize("s3a://bucket/a b"));
        assertTrue(bad.getMessage().contains("a b"), bad.getMessage());
    }
}
