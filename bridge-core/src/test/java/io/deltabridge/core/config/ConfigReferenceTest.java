package io.deltabridge.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {

    @Test
    void committedReferenceIsUpToDate() throws IOException {
        String readme = Files.readString(repositoryRoot().resolve("README.md"), StandardCharsets.UTF_8);
        assertEquals(
                ConfigReference.render(),
                ConfigReference.generatedSection(readme),
                "the README's configuration reference is stale: regenerate it from the repository root with: "
                        + ConfigReference.REGENERATE);
    }

    @Test
    void referenceDocumentsEveryOptionWithItsDefault() {
        String md = ConfigReference.render();
        for (ConfigOption<?> option : ConfigOptions.all()) {
            String key = option.path().replace("mappings[].", "").replace("schema-registry.", "");
            assertTrue(md.contains("| `" + key + "` |"), "missing " + option.path());
            if (option.defaultDescription() != null) {
                assertTrue(md.contains(option.defaultDescription()), "default of " + option.path());
            }
        }
        assertTrue(md.contains("| `flush.max-bytes` | size | `128MiB` |"), md);
        assertTrue(
                md.contains(
                        "| `on-error` | `dead-letter` \\| `fail` | `dead-letter` when `dead-letter-topic` is set, else `fail` |"),
                md);
    }

    @Test
    void theExampleInTheReferenceLoads() {
        BridgeConfig config = ConfigLoader.load(ConfigReference.EXAMPLE, "example.yaml", Map.of());
        assertEquals("localhost:9092", config.kafka().get("bootstrap.servers"));
        assertEquals(2, config.mappings().size());
        assertEquals(
                OnError.DEAD_LETTER, ((KafkaToDeltaMapping) config.mappings().get(1)).onError());
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("bridge-core")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "not run inside the deltabridge repository: " + Path.of("").toAbsolutePath());
    }
}
