package io.deltabridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The validator of OpenLineageIT rejects what the OpenLineage schemas reject: it cannot pass vacuously. */
class OpenLineageSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FACET = """
            "_producer": "https://github.com/deltabridge/deltabridge", "_schemaURL": "https://openlineage.io/spec/x.json"
            """;
    private static final String VALID = """
            {"eventType": "FAIL", "eventTime": "2026-01-02T03:04:05.678Z",
             "producer": "https://github.com/deltabridge/deltabridge",
             "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
             "run": {"runId": "01890a5d-ac96-774b-bcce-b302099a8057",
                     "facets": {"errorMessage": {%1$s, "message": "boom", "programmingLanguage": "JAVA"}}},
             "job": {"namespace": "b", "name": "b.in"},
             "inputs": [{"namespace": "kafka://k:9092", "name": "t",
                         "facets": {"schema": {%1$s, "fields": [{"name": "id", "type": "INT"}]}}}],
             "outputs": [{"namespace": "file", "name": "/t",
                          "facets": {"columnLineage": {%1$s, "fields": {"id": {"inputFields":
                              [{"namespace": "kafka://k:9092", "name": "t", "field": "id"}]}}}},
                          "outputFacets": {"outputStatistics": {%1$s, "rowCount": 3}}}]}
            """.formatted(FACET);

    @Test
    void aValidEventHasNoViolations() throws Exception {
        assertEquals(List.of(), OpenLineageSchemas.violations(JSON.readTree(VALID)));
    }

    @Test
    void eachKindOfMistakeIsReported() throws Exception {
        assertInvalid(e -> ((ObjectNode) e.path("run")).put("runId", "not-a-uuid"), "runId");
        assertInvalid(e -> ((ObjectNode) e).remove("producer"), "producer");
        assertInvalid(e -> ((ObjectNode) e).put("eventType", "DONE"), "eventType");
        assertInvalid(e -> ((ObjectNode) e).put("eventTime", "yesterday"), "eventTime");
        assertInvalid(
                e -> ((ObjectNode) e.path("run").path("facets").path("errorMessage")).remove("programmingLanguage"),
                "programmingLanguage");
        assertInvalid(
                e -> ((ObjectNode) e.path("inputs")
                                .get(0)
                                .path("facets")
                                .path("schema")
                                .path("fields")
                                .get(0))
                        .remove("name"),
                "name");
        assertInvalid(
                e -> ((ObjectNode) e.path("outputs")
                                .get(0)
                                .path("facets")
                                .path("columnLineage")
                                .path("fields")
                                .path("id")
                                .path("inputFields")
                                .get(0))
                        .remove("field"),
                "field");
        assertInvalid(
                e -> ((ObjectNode) e.path("outputs").get(0).path("outputFacets").path("outputStatistics"))
                        .put("rowCount", "3"),
                "rowCount");
        assertInvalid(e -> ((ObjectNode) e.path("inputs").get(0).path("facets")).putObject("mystery"), "mystery");
    }

    private static void assertInvalid(Consumer<JsonNode> breakIt, String mentioned) throws Exception {
        JsonNode event = JSON.readTree(VALID);
        breakIt.accept(event);
        List<String> violations = OpenLineageSchemas.violations(event);
        assertTrue(violations.stream().anyMatch(v -> v.contains(mentioned)), mentioned + ": " + violations);
    }
}
