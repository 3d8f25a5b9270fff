package io.deltabridge.core.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * A JSON Schema (draft 2020-12) of the mapping file, generated from {@link ConfigOptions} like the README's
 * reference, so that editors complete and check mapping files (e.g. VS Code's YAML extension with
 * {@code # yaml-language-server: $schema=<path>/bridge.schema.json}). Looser than the loader, which stays the
 * judge: both directions' options are offered in every mapping, and {@code ${VAR}} placeholders are accepted
 * where a boolean or a number is expected. A unit test fails when the committed file is stale; regenerate it
 * with {@value #REGENERATE}.
 */
public final class ConfigJsonSchema {
    /** How to regenerate the committed schema, from the repository root (the test writes it instead of comparing). */
    public static final String REGENERATE = "mvn -q -pl bridge-core -am test -Dtest=ConfigJsonSchemaTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dregenerate=true";

    /** Where the schema is committed, relative to the repository root. */
    public static final String COMMITTED = "docs/bridge.schema.json";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String PLACEHOLDER = "^.*\\$\\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?}.*$";

    private ConfigJsonSchema() {}

    /** The schema as pretty-printed JSON, ending with a newline. */
    public static String render() {
        ObjectNode root = section("");
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "https://deltabridge.io/schemas/bridge.schema.json");
        root.put("title", "deltabridge mapping file");
        root.put(
                "description",
                "The YAML mapping file of `bridge run -c bridge.yaml` (generated from ConfigOptions: do not edit).");
        root.putObject("patternProperties")
                .putObject("^" + ConfigOptions.EXTENSION_PREFIX)
                .put("description", "Ignored by the bridge: holds YAML anchors that mappings merge.");
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(reordered(root))
                    + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The options directly under {@code sectionPath} as an object schema. */
    private static ObjectNode section(String sectionPath) {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (ConfigOption<?> option : ConfigOptions.children(sectionPath)) {
            properties.set(option.key(), option(option));
            if (option.required()) {
                required.add(option.key());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        if (sectionPath.equals(ConfigOptions.REGISTRY_SECTION)) {
            schema.putObject("patternProperties")
                    .putObject("\\.")
                    .put("description", "Handed to the registry client as a string.");
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ObjectNode option(ConfigOption<?> option) {
        String type = option.type().name();
        ObjectNode schema = switch (type) {
            case "section" -> section(option.path());
            case "list of sections" -> {
                ObjectNode list = JSON.objectNode().put("type", "array").put("minItems", 1);
                list.set("items", section(option.path() + "[]"));
                yield list;
            }
            case "map" -> JSON.objectNode().put("type", "object");
            default ->
                type.startsWith("list of ")
                        ? listOf(scalar(
                                type.substring("list of ".length()),
                                option.type().allowedValues()))
                        : scalar(type, option.type().allowedValues());
        };
        String doc = option.doc()
                + (option.defaultDescription() != null ? " Default: " + option.defaultDescription() + "." : "");
        if (!doc.isBlank()) {
            schema.put("description", doc.strip());
        }
        if (option.secret()) {
            schema.put("writeOnly", true);
        }
        return schema;
    }

    private static ObjectNode listOf(ObjectNode element) {
        ObjectNode list = JSON.objectNode();
        list.putArray("anyOf")
                .add(element.deepCopy())
                .add(JSON.objectNode().put("type", "array").set("items", element));
        return list;
    }

    private static ObjectNode scalar(String type, List<String> allowedValues) {
        return switch (type) {
            case "enum" -> {
                ObjectNode values = JSON.objectNode();
                allowedValues.forEach(values.putArray("enum")::add);
                yield values;
            }
            case "name" -> JSON.objectNode().put("type", "string").put("pattern", "^[A-Za-z0-9][A-Za-z0-9._-]*$");
            case "topic" ->
                JSON.objectNode().put("type", "string").put("pattern", "^([A-Za-z0-9._-]{1,249}|.*\\$\\{.*)$");
            case "boolean" -> orPlaceholder(JSON.objectNode().put("type", "boolean"));
            case "long" ->
                orPlaceholder(JSON.objectNode().put("type", "integer").put("minimum", 1));
            case "size" ->
                orPlaceholder(
                        JSON.objectNode().put("type", "integer").put("minimum", 0),
                        JSON.objectNode().put("type", "string").put("pattern", "^\\d+(\\.\\d+)?\\s*([KMG]i?B|B)?$"));
            case "starting-version" ->
                orPlaceholder(
                        JSON.objectNode().put("type", "integer").put("minimum", 0),
                        JSON.objectNode().put("type", "string").put("minLength", 1));
            default -> JSON.objectNode().put("type", "string").put("minLength", 1); // string, duration
        };
    }

    /** A non-string value may also be written as a {@code ${VAR}} placeholder, resolved when the file loads. */
    private static ObjectNode orPlaceholder(ObjectNode... schemas) {
        ObjectNode either = JSON.objectNode();
        ArrayNode anyOf = either.putArray("anyOf");
        for (ObjectNode schema : schemas) {
            anyOf.add(schema);
        }
        anyOf.add(JSON.objectNode().put("type", "string").put("pattern", PLACEHOLDER));
        return either;
    }

    /** {@code $schema} and the title first, for people opening the file. */
    private static ObjectNode reordered(ObjectNode root) {
        ObjectNode out = JSON.objectNode();
        for (String first : List.of("$schema", "$id", "title", "description")) {
            out.set(first, root.get(first));
        }
        root.fields().forEachRemaining(e -> {
            if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }
}
