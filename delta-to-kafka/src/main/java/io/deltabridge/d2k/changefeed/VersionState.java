package io.deltabridge.d2k.changefeed;

import io.delta.kernel.Snapshot;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.StructType;

/**
 * How data files are read at one table version: its logical schema, the physical schema to read
 * Parquet with (column-mapped names, no partition columns) and Kernel's scan state.
 */
record VersionState(
        long version,
        StructType schema,
        StructType physicalSchema,
        Row scanState,
        String tableRoot,
        boolean changeDataFeedEnabled) {

    static VersionState of(Engine engine, Snapshot snapshot) {
        Row scanState = snapshot.getScanBuilder().build().getScanState(engine);
        return new VersionState(
                snapshot.getVersion(),
                snapshot.getSchema(),
                KernelInternals.physicalReadSchema(scanState),
                scanState,
                KernelInternals.tableRoot(scanState),
                ChangeFeedSupport.isEnabled(snapshot.getTableProperties()));
    }
}
