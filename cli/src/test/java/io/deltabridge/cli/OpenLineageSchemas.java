package io.deltabridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The official OpenLineage JSON schemas (test resources {@code openlineage/spec}, see the README there):
 * the event schema and one schema per facet the bridge sends, formats (uuid, date-time, uri) asserted.
 * A facet the bridge sends that no schema here covers is an error too, so that a new facet cannot go
 * out unchecked.
 */
final class OpenLineageSchemas {
    private static final String SPEC = "https://openlineage.io/spec/";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SPEC, "classpath:openlineage/spec/")));
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private static final JsonSchema EVENT = schema("2-0-2/OpenLineage.json");
    /** Where facets sit in an event, and the schema of each facet name allowed there. */
    private static final Map<String, Map<String, JsonSchema>> FACETS = Map.of(
            "run",
                    Map.of(
                            "processing_engine", schema("facets/1-1-1/ProcessingEngineRunFacet.json"),
                            "errorMessage", schema("facets/1-0-1/ErrorMessageRunFacet.json")),
            "dataset",
                    Map.of(
                            "schema", schema("facets/1-2-0/SchemaDatasetFacet.json"),
                            "version", schema("facets/1-0-1/DatasetVersionDatasetFacet.json"),
                            "columnLineage", schema("facets/1-2-0/ColumnLineageDatasetFacet.json")),
            "output", Map.of("outputStatistics", schema("facets/1-0-2/OutputStatisticsOutputDatasetFacet.json")));

    private OpenLineageSchemas() {}

    private static JsonSchema schema(String path) {
        return FACTORY.getSchema(SchemaLocation.of(SPEC + path), CONFIG);
    }

    /** Every violation of the event and of its facets; empty when the event is valid. */
    static List<String> violations(JsonNode event) {
        List<String> errors = new ArrayList<>();
        EVENT.validate(event).forEach(m -> errors.add("event: " + m));
        facets(event.path("run").path("facets"), "run", errors);
        for (String side : List.of("inputs", "outputs")) {
            for (JsonNode dataset : event.path(side)) {
                facets(dataset.path("facets"), "dataset", errors);
                facets(dataset.path("outputFacets"), "output", errors);
            }
        }
        return errors;
    }

    private static void facets(JsonNode facets, String where, List<String> errors) {
        Map<String, JsonSchema> known = FACETS.get(where);
        facets.fieldNames().forEachRemaining(name -> {
            JsonSchema schema = known.get(name);
            if (schema == null) {
                errors.add(where + " facet '" + name + "' has no schema to check it against");
                return;
            }
            // each facet schema describes the facets object holding it: {"<name>": {...}}
            Set<ValidationMessage> messages = schema.validate(facets);
            messages.forEach(m -> errors.add(where + " facet '" + name + "': " + m));
        });
    }
}
