package io.deltabridge.d2k;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.deltabridge.d2k.changefeed.ChangeBatch;
import io.deltabridge.d2k.changefeed.ChangeType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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
    /** The pre-image of a key, when the encoded images are not kept ({@code envelope: row}: no {@code before}). */
    private static final byte[] NOT_KEPT = new byte[0];

    private final LongFunction<CloseableIterator<ChangeBatch>> readAgain;
    private final EventFormat format;
    private final StructType targetSchema;
    private final boolean keepBodies;
    private long version = -1;
    private final Map<ByteBuffer, byte[]> byKey = new HashMap<>();
    /** The keys the version writes: of its post-images and inserts. */
    private final Set<ByteBuffer> writtenKeys = new HashSet<>();

    /**
     * @param readAgain  the change rows of a version, from its first one
     * @param keepBodies whether the pre-images' encoded rows are kept for {@link #before} (Debezium), or only their keys
     */
    VersionPreImages(
            LongFunction<CloseableIterator<ChangeBatch>> readAgain,
            EventFormat format,
            StructType targetSchema,
            boolean keepBodies) {
        this.keepBodies = keepBodies;
        this.readAgain = readAgain;
        this.format = format;
        this.targetSchema = targetSchema;
    }

    /** The encoded pre-image ({@link EventFormat#rowBody}) with {@code key} in {@code version}, or null. */
    byte[] before(long version, byte[] key) {
        if (key == null) {
            return null; // a null key (string key format) names no row
        }
        load(version, key);
        byte[] before = byKey.get(ByteBuffer.wrap(key));
        return before == AMBIGUOUS ? null : before;
    }

    /** Whether {@code version} has a pre-image with {@code key}. */
    boolean hasPreImage(long version, byte[] key) {
        load(version, key);
        return key != null && byKey.containsKey(ByteBuffer.wrap(key));
    }

    /** Whether {@code version} has a post-image or an insert with {@code key}. */
    boolean writes(long version, byte[] key) {
        load(version, key);
        return key != null && writtenKeys.contains(ByteBuffer.wrap(key));
    }

    /** Forgets the version held (called at each end of version). */
    void clear() {
        version = -1;
        byKey.clear();
        writtenKeys.clear();
    }

    /** Reads {@code version}'s images unless they are held, or {@code key} is null (it names no row). */
    private void load(long version, byte[] key) {
        if (key != null && this.version != version) {
            load(version);
        }
    }

    private void load(long version) {
        clear();
        try (CloseableIterator<ChangeBatch> batches = readAgain.apply(version)) {
            while (batches.hasNext()) {
                ChangeBatch batch = batches.next();
                ColumnarBatch data = SchemaWidening.widen(batch.data(), batch.schema(), targetSchema);
                for (int k = 0; k < batch.selectedCount(); k++) {
                    int row = batch.selectedRow(k);
                    ChangeType type = batch.changeType(row);
                    byte[] key = type == ChangeType.DELETE ? null : format.key(data, row);
                    if (key != null && type != ChangeType.UPDATE_PREIMAGE) {
                        writtenKeys.add(ByteBuffer.wrap(key));
                    } else if (key != null) {
                        byKey.merge(
                                ByteBuffer.wrap(key),
                                keepBodies ? format.rowBody(data, row) : NOT_KEPT,
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
