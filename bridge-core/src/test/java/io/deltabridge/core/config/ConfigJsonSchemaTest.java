package io.deltabridge.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The committed JSON Schema is current, accepts the project's own mapping files and catches what editors should flag. */
class ConfigJsonSchemaTest {
    private static final JsonSchema SCHEMA =
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(ConfigJsonSchema.render());

    @Test
    void committedSchemaIsUpToDate() throws IOException {
        Path committed = root().resolve(ConfigJsonSchema.COMMITTED);
        if (Boolean.getBoolean("regenerate")) {
            Files.writeString(committed, ConfigJsonSchema.render(), StandardCharsets.UTF_8);
        }
        assertEquals(
                ConfigJsonSchema.render(),
                Files.readString(committed, StandardCharsets.UTF_8),
                ConfigJsonSchema.COMMITTED + " is stale: regenerate it from the repository root with: "
                        + ConfigJsonSchema.REGENERATE);
    }

    @Test
    void everyExampleMappingFileIsValid() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(root().resolve("examples/mappings"))) {
            examples =
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(examples.size() >= 3, examples.toString());
        for (Path example : examples) {
            assertEquals(Set.of(), SCHEMA.validate(yaml(Files.readString(example))), example.toString());
        }
        assertEquals(Set.of(), SCHEMA.validate(yaml(ConfigReference.EXAMPLE)), "the README's example");
    }

    @Test
    void flagsUnknownKeysWrongValuesAndMissingKeys() {
        assertFlags("""
                name: b
                kafka: { bootstrap.servers: h:1 }
                mappings:
                  - name: m
                    from: { kafka: [t] }
                    to: { delta: /t, create: yes-please }
                    format: protobuf
                    partiton-by: [d]
                """, "$.mappings[0].to.create", "$.mappings[0].format", "partiton-by");
        assertFlags("""
                kafka: { bootstrap.servers: h:1 }
                mappings: []
                """, "name", "$.mappings");
    }

    @Test
    void placeholdersAreAcceptedWhereTheLoaderResolvesThem() {
        assertEquals(Set.of(), SCHEMA.validate(yaml("""
                name: b
                kafka: { bootstrap.servers: "${KAFKA}" }
                mappings:
                  - name: m
                    from: { kafka: "${TOPIC}" }
                    to: { delta: /t, create: "${CREATE:-true}", target-file-size: 64MiB }
                    flush: { max-records: "${MAX:-1000}", max-bytes: 1048576 }
                """)));
    }

    private static void assertFlags(String text, String... fragments) {
        Set<ValidationMessage> messages = SCHEMA.validate(yaml(text));
        for (String fragment : fragments) {
            assertTrue(
                    messages.stream().anyMatch(m -> m.toString().contains(fragment)),
                    fragment + " not flagged: " + messages);
        }
    }

    private static JsonNode yaml(String text) {
        return new ObjectMapper().valueToTree(new Yaml().load(text));
    }

    private static Path root() {
        return ConfigReferenceTest.repositoryRoot();
    }
}
