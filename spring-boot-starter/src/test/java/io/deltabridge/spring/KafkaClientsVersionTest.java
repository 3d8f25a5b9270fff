package io.deltabridge.spring;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.error.ConfigException;
import org.junit.jupiter.api.Test;

class KafkaClientsVersionTest {

    @Test
    void springBootsOwnKafkaClientsAreRefusedWithTheFix() {
        ConfigException e = assertThrows(ConfigException.class, () -> KafkaClientsVersion.require("3.9.1"));
        assertTrue(
                e.getMessage().contains("deltabridge needs kafka-clients 4.x, but the application has 3.9.1"),
                e.getMessage());
        assertTrue(
                e.getMessage().contains("set the Maven property kafka.version to " + KafkaClientsVersion.builtWith()),
                e.getMessage());
        assertTrue(KafkaClientsVersion.builtWith().startsWith("4."), KafkaClientsVersion.builtWith());
    }

    @Test
    void theVersionsItIsBuiltForPass() {
        assertDoesNotThrow(() -> KafkaClientsVersion.require("4.3.1"));
        assertDoesNotThrow(() -> KafkaClientsVersion.require("unknown"));
        assertDoesNotThrow(KafkaClientsVersion::requireOnClasspath);
    }
}
