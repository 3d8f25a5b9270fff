package io.deltabridge.d2k;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.deltabridge.d2k.changefeed.ChangeBatch;
import io.deltabridge.d2k.changefeed.ChangeType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.LongFunction;

/**
 * The Debezium {@code before} of an update whose pre-image is not just before its post-image: an update that moves a
 * row to another partition has its pre-image in the old partition's cdc file and its post-image in the new one's, in
 * whichever order the log lists them. Pairs by key within the version (same key, same row), reading the version's
 * pre-images again from its first change row, so a version resumed at an ordinal past some of them still finds them.
 *
 * <p>Memory: the keys the version writes and pre-images, in {@link ByteKeyTable}s (about 20 bytes each beside their
 * own), and with Debezium the encoded pre-images ({@link PreImageBodies}: in the heap up to an eighth of its maximum,
 * the rest in a temporary file), held only for a version that has such an update, until the next.
 * A key with two different pre-images in one version (a table whose key is not unique), or a null key, has no
 * {@code before}.
 */
final class VersionPreImages implements AutoCloseable {
    /**
     * The JVM system property that sets the bytes of heap the encoded pre-images of a version may take before the rest
     * go to a temporary file in {@code java.io.tmpdir} (default: an eighth of the maximum heap).
     */
    static final String BODIES_BUDGET_PROPERTY = "deltabridge.d2k.pre-image-heap-bytes";

    private final LongFunction<CloseableIterator<ChangeBatch>> readAgain;
    private final EventFormat format;
    private final StructType targetSchema;
    private long version = -1;
    /** The keys of the version's pre-images. */
    private final ByteKeyTable preImageKeys = new ByteKeyTable();
    /** By the number of a key in {@link #preImageKeys}: its encoded pre-image, when they are kept (else null). */
    private final PreImageBodies bodies;
    /** The keys the version writes: of its post-images and inserts. */
    private final ByteKeyTable writtenKeys = new ByteKeyTable();

    /**
     * @param readAgain  the change rows of a version, from its first one
     * @param keepBodies whether the pre-images' encoded rows are kept for {@link #before} (Debezium), or only their keys
     */
    VersionPreImages(
            LongFunction<CloseableIterator<ChangeBatch>> readAgain,
            EventFormat format,
            StructType targetSchema,
            boolean keepBodies) {
        this.bodies = keepBodies
                ? new PreImageBodies(
                        Long.getLong(
                                BODIES_BUDGET_PROPERTY, Runtime.getRuntime().maxMemory() / 8),
                        Path.of(System.getProperty("java.io.tmpdir")))
                : null;
        this.readAgain = readAgain;
        this.format = format;
        this.targetSchema = targetSchema;
    }

    /**
     * The encoded pre-image ({@link EventFormat#rowBody}) with {@code key} in {@code version}, or null (also when the
     * images are not kept).
     */
    byte[] before(long version, byte[] key) {
        if (key == null) {
            return null; // a null key (string key format) names no row
        }
        load(version, key);
        int number = preImageKeys.indexOf(key);
        return number < 0 || bodies == null ? null : bodies.get(number);
    }

    /** Whether {@code version} has a pre-image with {@code key}. */
    boolean hasPreImage(long version, byte[] key) {
        load(version, key);
        return key != null && preImageKeys.indexOf(key) >= 0;
    }

    /** Whether {@code version} has a post-image or an insert with {@code key}. */
    boolean writes(long version, byte[] key) {
        load(version, key);
        return key != null && writtenKeys.indexOf(key) >= 0;
    }

    /** Forgets the version held (called at each end of version). */
    void clear() {
        version = -1;
        preImageKeys.clear();
        if (bodies != null) {
            bodies.clear();
        }
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
                        writtenKeys.add(key);
                    } else if (key != null) {
                        addPreImage(key, data, row);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.version = version;
    }

    private void addPreImage(byte[] key, ColumnarBatch data, int row) {
        int known = preImageKeys.size();
        int number = preImageKeys.add(key);
        if (bodies == null) {
            return;
        }
        byte[] body = format.rowBody(data, row);
        if (number == known) {
            bodies.add(body);
        } else if (!bodies.sameAs(number, body)) {
            bodies.markAmbiguous(number);
        }
    }

    /** Frees what the version held (the pre-images' file among it). */
    @Override
    public void close() {
        clear();
    }
}
