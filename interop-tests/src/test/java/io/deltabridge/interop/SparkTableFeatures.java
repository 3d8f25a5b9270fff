package io.deltabridge.interop;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Tables Spark creates with one Delta protocol feature each, for kafka → delta to append to: the columns beside the
 * common ones, the table properties, and the statements Spark runs after creating the table ({@code %s}: the
 * table). {@code refusal}: null when deltabridge appends to the table, otherwise what its error must say (it must
 * refuse before writing anything).
 */
record SparkTableFeatures(String feature, String extraColumns, String properties, List<String> after, String refusal) {
    /** The columns every case has and the records carry. */
    static final String COLUMNS =
            "id BIGINT NOT NULL, name STRING, num INT, at TIMESTAMP, local TIMESTAMP_NTZ, region STRING";

    private static final String COLUMN_MAPPING = "uses column mapping (mode '";

    /** The cases CI runs; {@code -Dinterop.long=true} runs them all. */
    private static final Set<String> SHORT = Set.of(
            "changeDataFeed",
            "columnMapping-name",
            "deletionVectors",
            "rowTracking",
            "typeWidening",
            "checkConstraints",
            "generatedColumns");

    static Stream<SparkTableFeatures> cases() {
        return all().filter(c -> Boolean.getBoolean("interop.long") || SHORT.contains(c.feature()));
    }

    static Stream<SparkTableFeatures> all() {
        return Stream.of(
                writes("appendOnly", "'delta.appendOnly' = 'true'"),
                writes("changeDataFeed", "'delta.enableChangeDataFeed' = 'true'"),
                new SparkTableFeatures(
                        "columnMapping-name",
                        ", old_name STRING, gone INT",
                        "'delta.columnMapping.mode' = 'name'",
                        List.of(
                                "ALTER TABLE %s DROP COLUMN name",
                                "ALTER TABLE %s RENAME COLUMN old_name TO name", "ALTER TABLE %s DROP COLUMN gone"),
                        COLUMN_MAPPING),
                new SparkTableFeatures(
                        "columnMapping-id",
                        ", old_name STRING, gone INT",
                        "'delta.columnMapping.mode' = 'id'",
                        List.of(
                                "ALTER TABLE %s DROP COLUMN name",
                                "ALTER TABLE %s RENAME COLUMN old_name TO name", "ALTER TABLE %s DROP COLUMN gone"),
                        COLUMN_MAPPING),
                writes("deletionVectors", "'delta.enableDeletionVectors' = 'true'"),
                writes("v2Checkpoint", "'delta.checkpointPolicy' = 'v2', 'delta.checkpointInterval' = '2'"),
                writes("inCommitTimestamp", "'delta.enableInCommitTimestamps' = 'true'"),
                writes("rowTracking", "'delta.enableRowTracking' = 'true'"),
                new SparkTableFeatures(
                        "typeWidening",
                        "",
                        "'delta.enableTypeWidening' = 'true'",
                        List.of("ALTER TABLE %s ALTER COLUMN num TYPE BIGINT"),
                        null),
                writes("vacuumProtocolCheck", "'delta.feature.vacuumProtocolCheck' = 'supported'"),
                new SparkTableFeatures(
                        "icebergCompatV2",
                        "",
                        "'delta.columnMapping.mode' = 'name', 'delta.enableIcebergCompatV2' = 'true'",
                        List.of(),
                        COLUMN_MAPPING),
                new SparkTableFeatures("clustering", "", "", List.of("ALTER TABLE %s CLUSTER BY (region)"), null),
                new SparkTableFeatures(
                        "checkConstraints",
                        "",
                        "",
                        List.of("ALTER TABLE %s ADD CONSTRAINT positive CHECK (num > 0)"),
                        "cannot write: [checkConstraints]"),
                new SparkTableFeatures(
                        "generatedColumns",
                        ", day DATE GENERATED ALWAYS AS (CAST(at AS DATE))",
                        "",
                        List.of(),
                        "cannot write: [generatedColumns]"),
                new SparkTableFeatures(
                        "identityColumns",
                        ", seq BIGINT GENERATED ALWAYS AS IDENTITY",
                        "",
                        List.of(),
                        "cannot write: [identityColumns]"),
                new SparkTableFeatures(
                        "variantType",
                        ", doc VARIANT",
                        "",
                        List.of(),
                        "has type variant, which deltabridge cannot write"));
    }

    private static SparkTableFeatures writes(String feature, String properties) {
        return new SparkTableFeatures(feature, "", properties, List.of(), null);
    }

    boolean writable() {
        return refusal == null;
    }

    /** Whether Spark may delete rows of the table before the bridge appends (not on append-only tables). */
    boolean deletes() {
        return !properties.contains("delta.appendOnly");
    }

    String createTable(String table) {
        return "CREATE TABLE " + table + " (" + COLUMNS + extraColumns + ") USING delta"
                + (properties.isEmpty() ? "" : " TBLPROPERTIES (" + properties + ")");
    }

    @Override
    public String toString() {
        return feature;
    }
}
