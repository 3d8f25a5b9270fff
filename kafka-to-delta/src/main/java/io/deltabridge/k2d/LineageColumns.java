package io.deltabridge.k2d;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.lineage.LineageHeaders;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.core.vector.ColumnBuilder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Fills the lineage columns the table has (SPEC §5): {@code _kafka_topic}, {@code _kafka_partition},
 * {@code _kafka_offset}, {@code _kafka_timestamp} and {@code _lineage} (every {@code deltabridge.*}
 * and {@code ce_*} header). They are never read from the record's data.
 */
final class LineageColumns {
    static final String KAFKA_TOPIC = "_kafka_topic";
    static final String KAFKA_PARTITION = "_kafka_partition";
    static final String KAFKA_OFFSET = "_kafka_offset";
    static final String KAFKA_TIMESTAMP = "_kafka_timestamp";
    static final String LINEAGE = "_lineage";
    static final List<String> ALL = List.of(KAFKA_TOPIC, KAFKA_PARTITION, KAFKA_OFFSET, KAFKA_TIMESTAMP, LINEAGE);

    private final int topic;
    private final int partition;
    private final int offset;
    private final int timestamp;
    private final int lineage;
    private final Set<String> present = new HashSet<>();

    LineageColumns(StructType schema) {
        topic = schema.indexOf(KAFKA_TOPIC);
        partition = schema.indexOf(KAFKA_PARTITION);
        offset = schema.indexOf(KAFKA_OFFSET);
        timestamp = schema.indexOf(KAFKA_TIMESTAMP);
        lineage = schema.indexOf(LINEAGE);
        ALL.stream().filter(c -> schema.indexOf(c) >= 0).forEach(present::add);
    }

    /** The lineage columns of this table: the decoders must not take them from the data. */
    Set<String> present() {
        return present;
    }

    void fill(ConsumerRecord<byte[], byte[]> record, BatchBuilder batch) {
        if (topic >= 0) {
            batch.column(topic).appendString(record.topic());
        }
        if (partition >= 0) {
            batch.column(partition).appendInt(record.partition());
        }
        if (offset >= 0) {
            batch.column(offset).appendLong(record.offset());
        }
        if (timestamp >= 0) {
            batch.column(timestamp).appendTimestamp(record.timestamp() * 1000L);
        }
        if (lineage >= 0) {
            ColumnBuilder map = batch.column(lineage);
            map.beginMap();
            for (Header h : record.headers()) {
                if (LineageHeaders.isLineage(h.key())) {
                    map.keys().appendString(h.key());
                    if (h.value() == null) {
                        map.values().appendNull();
                    } else {
                        map.values().appendString(h.value(), 0, h.value().length);
                    }
                }
            }
            map.endMap();
        }
    }
}
