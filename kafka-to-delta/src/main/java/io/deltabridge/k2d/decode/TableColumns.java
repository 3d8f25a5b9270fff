package io.deltabridge.k2d.decode;

import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which columns of the target table come from the record's data, and where unknown fields go.
 * Lineage columns are filled by the pipeline, never from the data.
 */
public final class TableColumns {
    public static final String RESCUED_DATA = "_rescued_data";
    public static final String KAFKA_TOPIC = "_kafka_topic";
    public static final String KAFKA_PARTITION = "_kafka_partition";
    public static final String KAFKA_OFFSET = "_kafka_offset";
    public static final String KAFKA_TIMESTAMP = "_kafka_timestamp";
    public static final String LINEAGE = "_lineage";
    public static final Set<String> LINEAGE_COLUMNS = Set.of(KAFKA_TOPIC, KAFKA_PARTITION, KAFKA_OFFSET, KAFKA_TIMESTAMP, LINEAGE);

    private final StructType schema;
    private final Map<String, Integer> dataColumns = new HashMap<>();
    private final int rescued;

    public TableColumns(StructType schema) {
        this.schema = schema;
        List<StructField> fields = schema.fields();
        int rescuedAt = -1;
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i).getName();
            if (name.equals(RESCUED_DATA)) {
                rescuedAt = i;
            } else if (!LINEAGE_COLUMNS.contains(name)) {
                dataColumns.put(name, i);
            }
        }
        this.rescued = rescuedAt;
    }

    public StructType schema() {
        return schema;
    }

    /** Ordinal of the data column with this name, or -1. */
    public int dataColumn(String name) {
        Integer i = dataColumns.get(name);
        return i == null ? -1 : i;
    }

    /** Ordinal of {@code _rescued_data}, or -1 when the table has none. */
    public int rescuedColumn() {
        return rescued;
    }

    /** Ordinal of a column by name, or -1. */
    public int ordinal(String name) {
        return schema.indexOf(name);
    }
}
