package io.deltabridge.core.codec.debezium;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.error.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The conversions of {@code before} and {@code after} that the {@code schema} of JsonConverter's
 * wrapper calls for, remembered by the schema's bytes: every event of a table carries the same
 * schema until the table changes, so it is read once, not per event.
 */
final class ConnectJsonSchemas {
    /** Distinct schemas remembered; more (a topic whose schema keeps changing) starts the memory afresh. */
    private static final int MAX_SCHEMAS = 64;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one envelope schema asks for. */
    record Plan(RowConversions before, RowConversions after) {}

    private final StructType target;
    private final Set<String> lineageColumns;
    private final Map<ByteBuffer, Plan> plans = new HashMap<>();

    ConnectJsonSchemas(StructType target, Set<String> lineageColumns) {
        this.target = target;
        this.lineageColumns = Set.copyOf(lineageColumns);
    }

    /** The plan for the envelope schema {@code data[start, end)}. */
    Plan plan(byte[] data, int start, int end) {
        Plan plan = plans.get(ByteBuffer.wrap(data, start, end - start));
        if (plan == null) {
            plan = read(data, start, end);
            if (plans.size() >= MAX_SCHEMAS) {
                plans.clear();
            }
            plans.put(ByteBuffer.wrap(Arrays.copyOfRange(data, start, end)), plan);
        }
        return plan;
    }

    private Plan read(byte[] data, int start, int end) {
        JsonNode schema;
        try {
            schema = JSON.readTree(data, start, end - start);
        } catch (IOException e) {
            throw Problem.of("Debezium event's 'schema' could not be read")
                    .because("%s", e.getMessage())
                    .data(e);
        }
        RowConversions before = RowConversions.NONE;
        RowConversions after = RowConversions.NONE;
        for (JsonNode field : schema.path("fields")) {
            switch (field.path("field").asText("")) {
                case "before" -> before = RowConversions.of(field, target, lineageColumns);
                case "after" -> after = RowConversions.of(field, target, lineageColumns);
                default -> {}
            }
        }
        return new Plan(before, after);
    }
}
