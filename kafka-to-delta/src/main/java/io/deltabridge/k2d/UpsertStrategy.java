package io.deltabridge.k2d;

import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.codec.ChangeDecoder;
import io.deltabridge.core.codec.ChangeOp;
import io.deltabridge.core.error.DataException;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.core.vector.ColumnBuilder;
import io.deltabridge.k2d.delta.DeltaAppender;
import io.deltabridge.k2d.delta.KeyColumns;
import io.deltabridge.k2d.delta.KeyIndex;
import io.deltabridge.k2d.delta.TableChange;
import io.deltabridge.k2d.delta.UpsertChange;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * {@code mode: upsert}: each record is a change of the row with its key. The batch keeps every
 * change in offset order and, per key, which one came last: that one wins when the batch is
 * committed ({@link UpsertChange}).
 */
final class UpsertStrategy implements WriteStrategy {
    /** Rows between two measurements of the batch's size. */
    private static final int MEASURE_EVERY = 64;
    /** In {@link #latest}: the key's last change is a delete that has no row of its own (the old key of an update). */
    private static final int DELETED = -1;

    private final DeltaAppender appender;
    private final ChangeDecoder decoder;
    private final LineageColumns lineage;
    private final KeyColumns keys;
    /** The keys of the table's files, kept from one flush to the next. */
    private final KeyIndex index;

    private final int[] keyOrdinals;
    /** The table's NOT NULL columns, which an upserted row must set (the batch's own schema allows nulls for deletes). */
    private final List<Integer> required = new ArrayList<>();

    private final BatchBuilder changes;
    private final BitSet upserts = new BitSet();
    /** Per key, the row of its last change. */
    private final Map<List<Object>, Integer> latest = new HashMap<>();
    /** Where the row an update replaced is decoded, to read its key: it is deleted when the update changed the key. */
    private final BatchBuilder replaced;

    private long measured;

    UpsertStrategy(DeltaAppender appender, ChangeDecoder decoder, LineageColumns lineage, KeyColumns keys) {
        this.appender = appender;
        this.decoder = decoder;
        this.lineage = lineage;
        this.keys = keys;
        this.index = KeyIndex.shared(keys.names());
        this.keyOrdinals = keys.ordinals();
        StructType table = appender.schema();
        for (int i = 0; i < table.length(); i++) {
            if (!table.at(i).isNullable()) {
                required.add(i);
            }
        }
        this.changes = new BatchBuilder(changeSchema(table));
        this.replaced = new BatchBuilder(changes.schema());
    }

    /** The table's columns, all nullable: a delete sets only the key columns. */
    static StructType changeSchema(StructType table) {
        List<StructField> fields = new ArrayList<>();
        for (StructField f : table.fields()) {
            fields.add(new StructField(f.getName(), f.getDataType(), true, f.getMetadata()));
        }
        return new StructType(fields);
    }

    @Override
    public void add(ConsumerRecord<byte[], byte[]> r) {
        changes.startRow();
        ChangeOp op;
        List<Object> replacedKey = null;
        try {
            op = decoder.decodeInto(r.key(), r.value(), r.headers(), changes);
            if (op != ChangeOp.SKIP) {
                requireSet(keyOrdinals, "a key column", op);
                if (op == ChangeOp.UPSERT) {
                    requireSet(required.stream().mapToInt(Integer::intValue).toArray(), "a NOT NULL column", op);
                    replacedKey = replacedKey(r.value());
                }
                lineage.fill(r, changes);
                changes.commitRow();
            }
        } catch (DataException e) {
            changes.rollbackRow();
            throw e;
        }
        if (op == ChangeOp.SKIP) {
            changes.rollbackRow();
            return;
        }
        int row = changes.rowCount() - 1;
        if (op == ChangeOp.UPSERT) {
            upserts.set(row);
        }
        List<Object> key = keys.key(k -> changes.column(keyOrdinals[k]).vector(), row);
        if (replacedKey != null && !replacedKey.equals(key)) {
            latest.put(replacedKey, DELETED); // an update that changed the key: the old key's row goes
        }
        latest.put(key, row);
        if (row % MEASURE_EVERY == 0) {
            measured = changes.byteSize();
        }
    }

    /**
     * The key of the row the update in {@code value} replaced, when the event carries that row (Debezium's
     * {@code before}); null when it does not, or when a key column is null there (no row to remove).
     */
    private List<Object> replacedKey(byte[] value) {
        replaced.startRow();
        try {
            if (!decoder.replacedInto(value, replaced)) {
                return null;
            }
            for (int ordinal : keyOrdinals) {
                if (replaced.column(ordinal).size() == 0) {
                    return null;
                }
            }
            return keys.key(k -> replaced.column(keyOrdinals[k]).vector(), 0);
        } finally {
            replaced.rollbackRow();
        }
    }

    /** The open row must have a value in each of {@code ordinals}. */
    private void requireSet(int[] ordinals, String what, ChangeOp op) {
        int row = changes.rowCount();
        for (int ordinal : ordinals) {
            ColumnBuilder c = changes.column(ordinal);
            if (c.size() <= row || c.vector().isNullAt(row)) {
                throw Problem.of(
                                "The %s has no value for %s '%s'",
                                op == ChangeOp.UPSERT ? "row to upsert" : "key to delete",
                                what,
                                changes.schema().at(ordinal).getName())
                        .because(
                                "upsert finds the row to change by the key columns %s; NOT NULL columns need a value",
                                keys.names())
                        .fix("send every key column (and NOT NULL column) with a value")
                        .data();
            }
        }
    }

    @Override
    public long rowCount() {
        return changes.rowCount();
    }

    @Override
    public long byteSize() {
        return measured;
    }

    @Override
    public TableChange prepare() {
        if (latest.isEmpty()) {
            return appender.noRows();
        }
        boolean[] upsert = new boolean[changes.rowCount()];
        latest.values().forEach(row -> {
            if (row != DELETED) {
                upsert[row] = upserts.get(row);
            }
        });
        return UpsertChange.prepare(appender, keys, index, changes.build(), upsert, latest.keySet(), latest.size());
    }

    @Override
    public void discard() {
        changes.reset();
        replaced.reset();
        upserts.clear();
        latest.clear();
        measured = 0;
    }

    @Override
    public void close() {
        discard();
    }
}
