package io.deltabridge.d2k.changefeed;

import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;

/** Loads snapshots of a table and turns Kernel's exceptions into errors a person can act on. */
final class TableAccess {
    private TableAccess() {}

    static Snapshot latestSnapshot(Engine engine, String tableUri) {
        return TableManager.loadSnapshot(tableUri).build(engine);
    }
}
