package io.deltabridge.connect;

import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A source record of a change feed event, hashed by its position. With exactly-once support Connect keys every record
 * of an open transaction in hash tables (the records awaiting {@code commitRecord}, and two lookups per record for
 * connector-defined boundaries); {@link SourceRecord#hashCode} walks both maps, both schemas and every header with
 * its schema each time, a fifth of the worker's allocation on the insights benchmark. Records equal by
 * {@link SourceRecord#equals} have equal offsets, hence equal positions: the position's hash keeps the contract.
 */
final class FeedRecord extends SourceRecord {
    private final SourcePosition position;

    FeedRecord(
            Map<String, ?> partition,
            SourcePosition position,
            String topic,
            byte[] key,
            byte[] value,
            Headers headers) {
        super(
                partition,
                position.offset(),
                topic,
                null,
                Schema.OPTIONAL_BYTES_SCHEMA,
                key,
                Schema.OPTIONAL_BYTES_SCHEMA,
                value,
                null,
                headers);
        this.position = position;
    }

    /** This record with the offset of another position. */
    FeedRecord at(SourcePosition other) {
        return new FeedRecord(sourcePartition(), other, topic(), (byte[]) key(), (byte[]) value(), headers());
    }

    @Override
    public int hashCode() {
        return position.hashCode();
    }

    @Override
    public boolean equals(Object o) {
        // SourceRecord's equality, which implies equal positions
        return super.equals(o);
    }
}
