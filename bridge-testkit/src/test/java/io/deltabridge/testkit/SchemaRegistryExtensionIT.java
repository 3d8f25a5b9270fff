package io.deltabridge.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.config.RegistryConfig;
import io.deltabridge.core.registry.HttpSchemaRegistryClient;
import io.deltabridge.testkit.registry.ApicurioRegistry;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SchemaRegistryExtension.class)
class SchemaRegistryExtensionIT {
    private static ApicurioRegistry classRegistry;

    @BeforeAll
    static void remember(ApicurioRegistry registry) {
        classRegistry = registry;
    }

    @Test
    void injectsOneRunningRegistryPerClass(
            ApicurioRegistry registry, RegistryConfig config, @SchemaRegistryExtension.Url String url) {
        assertSame(classRegistry, registry);
        assertTrue(registry.isRunning());
        assertEquals(registry.confluentUrl(), url);
        assertEquals(url, config.url());
        try (HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(config)) {
            int id = client.register("extension-value", Schema.create(Schema.Type.STRING));
            assertEquals(Schema.create(Schema.Type.STRING), client.schemaById(id));
        }
    }

    @Nested
    class Inner {
        @Test
        void reusesTheOuterRegistry(ApicurioRegistry registry) {
            assertSame(classRegistry, registry);
        }
    }
}
