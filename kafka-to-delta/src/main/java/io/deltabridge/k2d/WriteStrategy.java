package io.deltabridge.k2d;

import io.deltabridge.core.error.DataException;
import io.deltabridge.k2d.delta.TableChange;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * How the records of the open batch become one change of the table ({@code mode}): rows appended,
 * or changes applied by key. The commit path around it (offsets, dead letters, retries) is the same.
 */
interface WriteStrategy extends AutoCloseable {
    /**
     * Adds one record to the batch.
     *
     * @throws DataException when the record cannot be written; the batch is as it was before
     */
    void add(ConsumerRecord<byte[], byte[]> record);

    /** Records added since the last commit or discard. */
    long rowCount();

    /** Bytes the batch takes once decoded: what {@code flush.max-bytes} limits. */
    long byteSize();

    /** Writes the batch's files; the result is committed with the batch's offsets. */
    TableChange prepare();

    /** Forgets the batch, aborting files being written. */
    void discard();

    @Override
    void close();
}
