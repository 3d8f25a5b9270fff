package io.deltabridge.d2k;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.config.ConfigSource;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.config.KeyFormat;
import io.deltabridge.core.error.Problem;
import java.util.List;

/** Checks that a table fits its mapping: key and projected columns exist, the change feed is on. */
final class TableMappingCheck {
    private final DeltaToKafkaMapping mapping;
    private final ConfigSource configSource;
    private final String tableUri;

    TableMappingCheck(DeltaToKafkaMapping mapping, ConfigSource configSource, String tableUri) {
        this.mapping = mapping;
        this.configSource = configSource;
        this.tableUri = tableUri;
    }

    /** Throws a config error, located at the mapping's offending key, when {@code table} does not fit. */
    void check(TableState table) {
        if (mapping.keyFormat() == KeyFormat.STRING && mapping.key().size() != 1) {
            throw configSource.errorAt(
                    path("key-format"),
                    Problem.of(
                                    "key-format string needs exactly one key column, mapping '%s' has %s",
                                    mapping.name(), mapping.key())
                            .fix("use key-format json or avro, or a single key column"));
        }
        StructType schema = table.schema();
        for (String key : mapping.key()) {
            if (schema.indexOf(key) < 0) {
                throw configSource.errorAt(
                        path("key"),
                        Problem.of("Key column '%s' is not in the table %s", key, tableUri)
                                .because("the table has the columns %s", schema.fieldNames())
                                .fix("use one of the table's columns in 'key'"));
            }
        }
        for (String column : mapping.columns().orElse(List.of())) {
            if (schema.indexOf(column) < 0) {
                throw configSource.errorAt(
                        path("columns"),
                        Problem.of("Column '%s' is not in the table %s", column, tableUri)
                                .because("the table has the columns %s", schema.fieldNames())
                                .fix("remove it from 'columns' or use one of the table's columns"));
            }
        }
        if (!table.cdfEnabled()) {
            throw configSource.errorAt(
                    path("from.delta"),
                    Problem.of("The table %s has no change data feed", tableUri)
                            .because("'delta.enableChangeDataFeed' is not true at version %d", table.version())
                            .fix("run ALTER TABLE ... SET TBLPROPERTIES (delta.enableChangeDataFeed = true); the feed"
                                    + " starts at the version that sets it"));
        }
    }

    private String path(String key) {
        return "mappings[" + mapping.index() + "]." + key;
    }
}
