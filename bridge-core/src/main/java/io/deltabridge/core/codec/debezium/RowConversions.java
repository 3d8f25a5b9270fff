package io.deltabridge.core.codec.debezium;

import com.fasterxml.jackson.databind.JsonNode;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fields of one row image (Connect struct {@code before} or {@code after}) whose values need a
 * {@link ConnectJsonType} conversion for the target table, by field name. Top-level fields only.
 */
final class RowConversions {
    static final RowConversions NONE = new RowConversions(Map.of());

    /** How to convert one field's value for its column. */
    record Conversion(ConnectJsonType type, DataType column, int scale) {}

    private final Map<String, Conversion> byField;

    private RowConversions(Map<String, Conversion> byField) {
        this.byField = byField;
    }

    /**
     * The conversions for the Connect struct schema {@code struct} (JsonConverter's form:
     * {@code {"type":"struct","fields":[{"type":…,"name":…,"parameters":{…},"field":…},…]}}).
     */
    static RowConversions of(JsonNode struct, StructType target, Set<String> lineageColumns) {
        Map<String, Conversion> byField = new HashMap<>();
        for (JsonNode field : struct.path("fields")) {
            String name = field.path("field").asText(null);
            String type = field.path("name").asText(null);
            StructField column = name == null || type == null ? null : column(target, name, lineageColumns);
            ConnectJsonType conversion = column == null ? null : ConnectJsonType.forColumn(type, column.getDataType());
            if (conversion != null) {
                int scale = field.path("parameters")
                        .path("scale")
                        .asInt(column.getDataType() instanceof DecimalType d ? d.getScale() : 0);
                byField.put(name, new Conversion(conversion, column.getDataType(), scale));
            }
        }
        return byField.isEmpty() ? NONE : new RowConversions(byField);
    }

    /** The column a JSON field goes to, as the row decoder matches it: same name, else same name ignoring case. */
    private static StructField column(StructType target, String name, Set<String> lineageColumns) {
        int exact = target.indexOf(name);
        if (exact >= 0) {
            return lineageColumns.contains(name) ? null : target.at(exact);
        }
        for (StructField f : target.fields()) {
            if (f.getName().equalsIgnoreCase(name) && !lineageColumns.contains(f.getName())) {
                return f;
            }
        }
        return null;
    }

    boolean isEmpty() {
        return byField.isEmpty();
    }

    /** The conversion of field {@code name}, or null. */
    Conversion get(String name) {
        return byField.get(name);
    }
}
