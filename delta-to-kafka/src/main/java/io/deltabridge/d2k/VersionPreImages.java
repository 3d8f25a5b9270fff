package io.deltabridge.d2k;

import io.deltabridge.d2k.changefeed.ChangeBatch;
import io.deltabridge.d2k.changefeed.ChangeType;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The Debezium {@code before} of an update whose pre-image is not just before its post-image: an update that moves a
 * row to another partition has its pre-image in the old partition's cdc file and its post-image in the new one's, in
 * whichever order the log lists them. Pairs by key within the version (same key, same row), reading the version's
 * pre-images again from its first change row, so a version resumed at an ordinal past some of them still finds them.
 *
 * <p>Memory: the encoded pre-images of one version, held only for a version that has such an update, until the next.
 * A key with two different pre-images in one version (a table whose key is not unique), or a null key, has no
 * {@code before}.
 */
final class VersionPreImages {
    /** Marks a key whose pre-images in the version differ: no pre-image is its post-image's. */
    private static final byte[] AMBIGUOUS = new byte[0];

    private final LongFunction<CloseableIterator<ChangeBatch>> readAgain;
    private final EventFormat format;
    private final StructType targetSchema;
    private long version = -1;
    private final Map<ByteBuffer, byte[]> byKey = new HashMap<>();

    /** @param readAgain the change rows of a version, from its first one */
    VersionPreImages(LongFunction<CloseableIterator<ChangeBatch>> readAgain, EventFormat format,
            StructType targetSchema) {
        this.readAgain = readAgain;
        this.format = format;
        this.targetSchema = targetSchema;
    }

    /** The encoded pre-image ({@link EventFormat#rowBody}) with {@code key} in {@code version}, or null. */
    byte[] before(long version, byte[] key) {
        if (key == null) {
            return null; // a null key (string key format) names no row
        }
        if (this.version != version) {
            load(version);
        }
        byte[] before = byKey.get(ByteBuffer.wrap(key));
        return before == AMBIGUOUS ? null : before;
    }

    /** Forgets the version held (called at each end of version). */
    void clear() {
        version = -1;
        byKey.clear();
    }

    private void load(long version) {
        clear();
        try (CloseableIterator<ChangeBatch> batches = readAgain.apply(version)) {
            while (batches.hasNext()) {
                ChangeBatch batch = batches.next();
                ColumnarBatch data = SchemaWidening.widen(batch.data(), batch.schema(), targetSchema);
                for (int k = 0; k < batch.selectedCount(); k++) {
                    int row = batch.selectedRow(k);
                    byte[] key = batch.changeType(row) == ChangeType.UPDATE_PREIMAGE ? format.key(data, row) : null;
                    if (key != null) {
                        byKey.merge(ByteBuffer.wrap(key), format.rowBody(data, row),
                                (seen, again) -> Arrays.equals(seen, again) ? seen : AMBIGUOUS);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.version = version;
    }
}
