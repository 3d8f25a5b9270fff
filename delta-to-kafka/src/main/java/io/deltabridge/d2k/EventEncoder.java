package io.deltabridge.d2k;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.core.config.Envelope;
import io.deltabridge.d2k.changefeed.ChangeBatch;
import io.deltabridge.d2k.changefeed.ChangeType;
import java.util.Arrays;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Turns change batches into events (SPEC §4): the {@code changes} filter, pre-images never
 * their own event, tombstones for deletes, and with {@code debezium} the pairing of an update's
 * pre-image (its {@code before}) with its post-image: the pre-image just before it, else the version's pre-image
 * with the same key ({@link VersionPreImages}). Encodes a batch completely before the reader moves on (the batch's
 * vectors are only valid until then).
 *
 * <p>An update that changed the key (a post-image whose key has no pre-image in the version, just after a pre-image
 * whose key the version does not write again: no post-image, no insert) is published as Debezium's connectors publish one: a delete of the old key
 * (keyed by it, so it stays in order with the old key's earlier events) before the update of the new key, so that an
 * upsert mirror drops the old key's row. Only with deletes among the {@code changes}.
 */
final class EventEncoder implements AutoCloseable {
    private final Envelope envelope;
    private final Set<ChangeKind> changes;
    private final String tableUri;
    private final String tableId;
    private final EventFormat format;
    private final StructType targetSchema;
    private final VersionPreImages preImages;
    private byte[] pendingBefore;
    private byte[] pendingBeforeKey;

    /**
     * @param targetSchema the schema of the latest version read: every event has its columns
     * @param readAgain    the change rows of a version being encoded, again from its first one
     */
    EventEncoder(
            Envelope envelope,
            Set<ChangeKind> changes,
            String tableUri,
            String tableId,
            EventFormat format,
            StructType targetSchema,
            LongFunction<CloseableIterator<ChangeBatch>> readAgain) {
        this.targetSchema = targetSchema;
        this.preImages = new VersionPreImages(readAgain, format, targetSchema, envelope == Envelope.DEBEZIUM);
        format.prepare(targetSchema);
        this.envelope = envelope;
        this.changes = Set.copyOf(changes);
        this.tableUri = tableUri;
        this.tableId = tableId;
        this.format = format;
    }

    EventChunk encode(ChangeBatch batch) {
        if (batch.endOfVersion()) {
            clearPending();
            preImages.clear();
            return new EventChunk(batch.version(), batch.commitTimestampMillis(), true, batch.nextOrdinal(), 0);
        }
        int count = batch.selectedCount();
        // a delete (Debezium: and its tombstone) may precede an update that changed the key
        int capacity =
                !changes.contains(ChangeKind.DELETE) ? count : envelope == Envelope.DEBEZIUM ? 3 * count : 2 * count;
        EventChunk chunk =
                new EventChunk(batch.version(), batch.commitTimestampMillis(), false, batch.nextOrdinal(), capacity);
        ColumnarBatch data = SchemaWidening.widen(batch.data(), batch.schema(), targetSchema);
        for (int k = 0; k < count; k++) {
            int row = batch.selectedRow(k);
            encodeRow(batch, data, row, batch.ordinal(k), chunk);
        }
        return chunk;
    }

    private void encodeRow(ChangeBatch batch, ColumnarBatch data, int row, long ordinal, EventChunk chunk) {
        ChangeType type = batch.changeType(row);
        if (type == ChangeType.UPDATE_PREIMAGE) {
            if (changes.contains(ChangeKind.UPDATE)) {
                pendingBefore = envelope == Envelope.DEBEZIUM ? format.rowBody(data, row) : null;
                pendingBeforeKey = format.key(data, row);
            }
            return;
        }
        ChangeKind kind = kindOf(type);
        if (!changes.contains(kind)) {
            clearPending();
            return;
        }
        byte[] key = format.key(data, row);
        EventFormat.DebeziumSource source = envelope == Envelope.ROW
                ? null
                : new EventFormat.DebeziumSource(
                        tableUri, tableId, batch.version(), batch.commitTimestampMillis(), System.currentTimeMillis());
        if (kind == ChangeKind.UPDATE && changedKey(batch.version(), key)) {
            addDelete(chunk, ordinal, pendingBeforeKey, pendingBefore, source);
        }
        if (envelope == Envelope.ROW) {
            chunk.add(kind, ordinal, key, kind == ChangeKind.DELETE ? null : format.row(data, row));
            clearPending();
            return;
        }
        switch (kind) {
            case INSERT -> chunk.add(kind, ordinal, key, format.debezium(null, format.rowBody(data, row), "c", source));
            case UPDATE -> {
                // a pre-image mostly comes just before its post-image; not when the update moved the row to another
                // partition (another cdc file) or a resumed read skipped it
                byte[] before =
                        Arrays.equals(pendingBeforeKey, key) ? pendingBefore : preImages.before(batch.version(), key);
                chunk.add(kind, ordinal, key, format.debezium(before, format.rowBody(data, row), "u", source));
            }
            case DELETE -> addDelete(chunk, ordinal, key, format.rowBody(data, row), source);
        }
        clearPending();
    }

    /**
     * Whether the update to {@code key} replaced the row of the pre-image just before it, under another key: {@code key}
     * has no pre-image in the version and the old key is not written again in it (an update that keeps its key, or moves
     * its row to another partition, has both images of one key). The old key's row is gone either way, so deleting it
     * is right even if the pre-image just before belongs to another renamed row.
     */
    private boolean changedKey(long version, byte[] key) {
        return pendingBeforeKey != null
                && changes.contains(ChangeKind.DELETE)
                && !Arrays.equals(pendingBeforeKey, key)
                && !preImages.hasPreImage(version, key)
                && !preImages.writes(version, pendingBeforeKey);
    }

    /** A delete of {@code key}: a tombstone, or Debezium's {@code d} event of the deleted row and its tombstone. */
    private void addDelete(
            EventChunk chunk, long ordinal, byte[] key, byte[] deletedRow, EventFormat.DebeziumSource source) {
        if (envelope == Envelope.DEBEZIUM) {
            chunk.add(ChangeKind.DELETE, ordinal, key, format.debezium(deletedRow, null, "d", source));
        }
        chunk.add(ChangeKind.DELETE, ordinal, key, null);
    }

    private void clearPending() {
        pendingBefore = null;
        pendingBeforeKey = null;
    }

    /** Frees what the version being encoded held. */
    @Override
    public void close() {
        preImages.close();
    }

    static ChangeKind kindOf(ChangeType type) {
        return switch (type) {
            case INSERT -> ChangeKind.INSERT;
            case UPDATE_POSTIMAGE -> ChangeKind.UPDATE;
            case DELETE -> ChangeKind.DELETE;
            case UPDATE_PREIMAGE -> throw new IllegalArgumentException("a pre-image is not an event");
        };
    }
}
