package io.deltabridge.k2d;

import io.delta.kernel.engine.Engine;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.k2d.delta.DeltaAppender;
import io.deltabridge.k2d.delta.KeyColumns;
import io.deltabridge.k2d.delta.KeyIndex;
import io.deltabridge.k2d.delta.UpsertChange;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Another upserting instance of a table (tests only): deletes one key, with its own key index and offsets domain. */
final class ForeignDelete {
    private ForeignDelete() {}

    /** Deletes the row of {@code id} (key column {@code id}, BIGINT) in one commit. */
    static void delete(Engine engine, String table, long id) {
        DeltaAppender appender =
                DeltaAppender.open(engine, DeltaAppender.latest(engine, table).orElseThrow(), "foreign.delete");
        KeyColumns key = new KeyColumns(appender.schema(), List.of("id"), table);
        BatchBuilder changes = new BatchBuilder(UpsertStrategy.changeSchema(appender.schema()));
        changes.startRow();
        changes.column("id").appendLong(id);
        changes.commitRow();
        UpsertChange change = UpsertChange.prepare(
                appender, key, new KeyIndex(1 << 20), changes.build(), new boolean[1], Set.of(List.of(id)), 1);
        appender.commit(change, Map.of(), Map.of());
    }
}
