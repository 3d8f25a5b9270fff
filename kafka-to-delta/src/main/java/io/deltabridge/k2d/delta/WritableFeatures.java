package io.deltabridge.k2d.delta;

import io.delta.kernel.Operation;
import io.delta.kernel.Snapshot;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.UnsupportedTableFeatureException;
import io.deltabridge.core.error.Problem;

/**
 * Refuses, when a table is opened and so before any file is written, a table the bridge cannot append to: one with
 * writer features Delta Kernel does not enforce (CHECK constraints, generated or identity columns ...), or with column
 * mapping, whose data files Kernel's Parquet writer cannot write (it would fail on the first batch, after reading it).
 */
final class WritableFeatures {
    static final String COLUMN_MAPPING_MODE = "delta.columnMapping.mode";

    private WritableFeatures() {}

    static void require(Engine engine, Snapshot snapshot) {
        String mode = snapshot.getTableProperties().getOrDefault(COLUMN_MAPPING_MODE, "none");
        if (!mode.equalsIgnoreCase("none")) {
            throw Problem.of(
                            "The Delta table %s uses column mapping (mode '%s'), which deltabridge cannot write",
                            snapshot.getPath(), mode)
                    .because(
                            "Delta Kernel, which writes the table's files, does not write data files with physical column names yet")
                    .fix(
                            "write into a table without column mapping ('create: true' makes one), or remove it from this table with Spark: "
                                    + "ALTER TABLE ... SET TBLPROPERTIES ('%s' = 'none') (Spark rewrites the files); nothing was written",
                            COLUMN_MAPPING_MODE)
                    .config();
        }
        try {
            snapshot.buildUpdateTableTransaction(EngineInfo.VALUE, Operation.STREAMING_UPDATE)
                    .build(engine);
        } catch (UnsupportedTableFeatureException e) {
            throw Problem.of(
                            "The Delta table %s uses table features deltabridge cannot write: %s",
                            snapshot.getPath(), e.getUnsupportedFeatures())
                    .because(
                            "Delta Kernel, which writes the table's files, cannot enforce them (CHECK constraints, generated or identity "
                                    + "column values are computed by the engine that writes)")
                    .fix(
                            "write into a table without them ('create: true' makes one), or remove them with Spark (ALTER TABLE ... DROP "
                                    + "CONSTRAINT / DROP COLUMN, then ALTER TABLE ... DROP FEATURE <feature>); nothing was written")
                    .config(e);
        }
    }
}
