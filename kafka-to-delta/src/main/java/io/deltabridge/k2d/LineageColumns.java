package io.deltabridge.k2d;

import io.deltabridge.k2d.batch.NestedColumns;
import io.deltabridge.k2d.batch.PrimitiveColumns;
import io.deltabridge.k2d.batch.RowBatchBuilder;
import io.deltabridge.k2d.decode.TableColumns;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Fills the lineage columns the table has (SPEC §5): {@code _kafka_topic}, {@code _kafka_partition},
 * {@code _kafka_offset}, {@code _kafka_timestamp} and {@code _lineage} (every {@code deltabridge.*}
 * and {@code ce_*} header).
 */
final class LineageColumns {
    private final int topic;
    private final int partition;
    private final int offset;
    private final int timestamp;
    private final int lineage;

    LineageColumns(TableColumns columns) {
        topic = columns.ordinal(TableColumns.KAFKA_TOPIC);
        partition = columns.ordinal(TableColumns.KAFKA_PARTITION);
        offset = columns.ordinal(TableColumns.KAFKA_OFFSET);
        timestamp = columns.ordinal(TableColumns.KAFKA_TIMESTAMP);
        lineage = columns.ordinal(TableColumns.LINEAGE);
    }

    void fill(ConsumerRecord<byte[], byte[]> record, RowBatchBuilder batch) {
        if (topic >= 0) {
            ((PrimitiveColumns.ObjectColumn) batch.column(topic)).append(record.topic());
        }
        if (partition >= 0) {
            ((PrimitiveColumns.IntColumn) batch.column(partition)).append(record.partition());
        }
        if (offset >= 0) {
            ((PrimitiveColumns.LongColumn) batch.column(offset)).append(record.offset());
        }
        if (timestamp >= 0) {
            ((PrimitiveColumns.LongColumn) batch.column(timestamp)).append(record.timestamp() * 1000L);
        }
        if (lineage >= 0) {
            NestedColumns.MapColumn map = (NestedColumns.MapColumn) batch.column(lineage);
            for (Header h : record.headers()) {
                if (isLineage(h.key())) {
                    ((PrimitiveColumns.ObjectColumn) map.keys()).append(h.key());
                    if (h.value() == null) {
                        map.values().appendNull();
                    } else {
                        ((PrimitiveColumns.ObjectColumn) map.values()).append(new String(h.value(), StandardCharsets.UTF_8));
                    }
                }
            }
            map.end();
        }
    }

    static boolean isLineage(String header) {
        return header.startsWith("deltabridge.") || header.startsWith("ce_");
    }
}
