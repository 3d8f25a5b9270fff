package io.deltabridge.core.lineage.openlineage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.BridgeVersion;
import io.deltabridge.core.schema.DdlPrinter;
import java.util.List;

/**
 * Writes a {@link RunEvent} as OpenLineage JSON (spec 2-0-2): the event, the {@code processing_engine}
 * and (on failure) {@code errorMessage} run facets, the {@code schema}, {@code version} and (outputs)
 * {@code columnLineage} dataset facets and the {@code outputStatistics} output facet. Column lineage
 * matches columns by name: the bridge copies each column unchanged from one side to the other.
 */
final class RunEventJson {
    static final String VERSION = BridgeVersion.VERSION;
    static final String PRODUCER = "https://github.com/deltabridge/deltabridge/tree/" + VERSION;
    private static final String SPEC = "https://openlineage.io/spec/";
    private static final String EVENT_SCHEMA = SPEC + "2-0-2/OpenLineage.json#/$defs/RunEvent";
    private static final String SCHEMA_FACET = SPEC + "facets/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet";
    private static final String COLUMN_LINEAGE_FACET =
            SPEC + "facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet";
    private static final String VERSION_FACET =
            SPEC + "facets/1-0-1/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet";
    private static final String STATISTICS_FACET =
            SPEC + "facets/1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet";
    private static final String ENGINE_FACET =
            SPEC + "facets/1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet";
    private static final String ERROR_FACET =
            SPEC + "facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunEventJson() {}

    static String write(RunEvent event) {
        ObjectNode root = JSON.createObjectNode();
        root.put("eventType", event.type().name());
        root.put("eventTime", event.time().toString());
        root.put("producer", PRODUCER);
        root.put("schemaURL", EVENT_SCHEMA);
        ObjectNode run = root.putObject("run");
        run.put("runId", event.runId().toString());
        ObjectNode runFacets = run.putObject("facets");
        facet(runFacets, "processing_engine", ENGINE_FACET)
                .put("version", VERSION)
                .put("name", "deltabridge")
                .put("openlineageAdapterVersion", VERSION);
        event.error()
                .ifPresent(message -> facet(runFacets, "errorMessage", ERROR_FACET)
                        .put("message", message)
                        .put("programmingLanguage", "JAVA"));
        ObjectNode job = root.putObject("job");
        job.put("namespace", event.job().namespace());
        job.put("name", event.job().name());
        ArrayNode inputs = root.putArray("inputs");
        event.inputs().forEach(input -> dataset(inputs, input));
        ArrayNode outputs = root.putArray("outputs");
        for (LineageDataset output : event.outputs()) {
            ObjectNode node = dataset(outputs, output);
            columnLineage((ObjectNode) node.get("facets"), output, event.inputs());
            outputStatistics(node, output);
        }
        return root.toString();
    }

    private static ObjectNode dataset(ArrayNode list, LineageDataset dataset) {
        ObjectNode node = list.addObject();
        node.put("namespace", dataset.id().namespace());
        node.put("name", dataset.id().name());
        ObjectNode facets = node.putObject("facets");
        dataset.schema()
                .ifPresent(
                        schema -> fields(facet(facets, "schema", SCHEMA_FACET).putArray("fields"), schema));
        dataset.version()
                .ifPresent(version -> facet(facets, "version", VERSION_FACET).put("datasetVersion", version));
        return node;
    }

    private static void fields(ArrayNode fields, StructType schema) {
        int position = 1;
        for (StructField field : schema.fields()) {
            ObjectNode node = fields.addObject();
            node.put("name", field.getName());
            node.put("type", DdlPrinter.typeToDdl(field.getDataType()));
            node.put("ordinal_position", position++);
            if (field.getDataType() instanceof StructType nested) {
                fields(node.putArray("fields"), nested);
            }
        }
    }

    /** Every output column that an input has by the same name comes from it unchanged. */
    private static void columnLineage(ObjectNode outputFacets, LineageDataset output, List<LineageDataset> inputs) {
        if (output.schema().isEmpty()) {
            return;
        }
        ObjectNode fields = JSON.createObjectNode();
        for (StructField column : output.schema().get().fields()) {
            ArrayNode from = JSON.createArrayNode();
            for (LineageDataset input : inputs) {
                if (input.schema().isPresent()
                        && input.schema().get().fieldNames().contains(column.getName())) {
                    ObjectNode field = from.addObject();
                    field.put("namespace", input.id().namespace());
                    field.put("name", input.id().name());
                    field.put("field", column.getName());
                    field.putArray("transformations")
                            .addObject()
                            .put("type", "DIRECT")
                            .put("subtype", "IDENTITY");
                }
            }
            if (!from.isEmpty()) {
                fields.putObject(column.getName()).set("inputFields", from);
            }
        }
        if (!fields.isEmpty()) {
            facet(outputFacets, "columnLineage", COLUMN_LINEAGE_FACET).set("fields", fields);
        }
    }

    private static void outputStatistics(ObjectNode output, LineageDataset dataset) {
        dataset.statistics().ifPresent(stats -> {
            ObjectNode facet = facet(output.putObject("outputFacets"), "outputStatistics", STATISTICS_FACET);
            facet.put("rowCount", stats.rows());
            if (stats.bytes() >= 0) {
                facet.put("size", stats.bytes());
            }
            if (stats.files() >= 0) {
                facet.put("fileCount", stats.files());
            }
        });
    }

    private static ObjectNode facet(ObjectNode facets, String name, String schemaUrl) {
        ObjectNode facet = facets.putObject(name);
        facet.put("_producer", PRODUCER);
        facet.put("_schemaURL", schemaUrl);
        return facet;
    }
}
