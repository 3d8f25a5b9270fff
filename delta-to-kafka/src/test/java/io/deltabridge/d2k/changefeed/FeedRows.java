package io.deltabridge.d2k.changefeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a change feed to rows of canonical values, checking the batch contract on the way. */
final class FeedRows {
    /** One change row: its table columns as canonical text (see {@link CanonicalValues}). */
    record Row(long version, long ordinal, ChangeType type, long commitTimestamp, Map<String, String> columns) {
        /** The row as the fixtures' expected-cdf line would render it, over {@code columnNames}. */
        String canonical(List<String> columnNames) {
            StringBuilder sb = new StringBuilder("{");
            for (String name : columnNames) {
                sb.append(CanonicalValues.quote(name))
                        .append(':')
                        .append(columns.getOrDefault(name, "null"))
                        .append(',');
            }
            return sb.append("\"_change_type\":\"")
                    .append(type.sparkName())
                    .append("\",\"_commit_version\":")
                    .append(version)
                    .append(",\"_commit_timestamp\":")
                    .append(commitTimestamp)
                    .append('}')
                    .toString();
        }
    }

    /** Rows and what the read reported about each version. */
    record Feed(List<Row> rows, Map<Long, Long> changesPerVersion, Map<Long, StructType> schemas) {
        /** Every column type seen, the latest schema winning. */
        Map<String, DataType> columnTypes() {
            Map<String, DataType> types = new LinkedHashMap<>();
            schemas.values().forEach(s -> s.fields().forEach(f -> types.put(f.getName(), f.getDataType())));
            return types;
        }
    }

    private FeedRows() {}

    static Feed read(ChangeFeed feed, long from, long to, long skip) {
        List<Row> rows = new ArrayList<>();
        Map<Long, Long> changes = new LinkedHashMap<>();
        Map<Long, StructType> schemas = new LinkedHashMap<>();
        long expectedVersion = from;
        long expectedOrdinal = skip;
        try (CloseableIterator<ChangeBatch> it = feed.read(from, to, skip)) {
            while (it.hasNext()) {
                ChangeBatch b = it.next();
                assertEquals(expectedVersion, b.version(), "versions come in order, each closed by its end batch");
                assertEquals(expectedOrdinal, b.firstOrdinal(), "ordinals are contiguous in version " + b.version());
                ColumnarBatch data = b.data();
                assertEquals(b.schema(), data.getSchema(), "the batch's data has the version's schema");
                if (b.endOfVersion()) {
                    assertEquals(0, b.selectedCount());
                    changes.put(b.version(), b.nextOrdinal());
                    schemas.put(b.version(), b.schema());
                    expectedVersion++;
                    expectedOrdinal = 0;
                    continue;
                }
                assertTrue(b.selectedCount() > 0, "data batches hold changes");
                for (int k = 0; k < b.selectedCount(); k++) {
                    int row = b.selectedRow(k);
                    assertTrue(k == 0 || row > b.selectedRow(k - 1), "selected rows increase");
                    Map<String, String> columns = new LinkedHashMap<>();
                    StructType schema = b.schema();
                    for (int c = 0; c < schema.length(); c++) {
                        columns.put(
                                schema.at(c).getName(),
                                CanonicalValues.of(
                                        data.getColumnVector(c),
                                        row,
                                        schema.at(c).getDataType()));
                    }
                    rows.add(new Row(b.version(), b.ordinal(k), b.changeType(row), b.commitTimestampMillis(), columns));
                }
                expectedOrdinal = b.nextOrdinal();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(to + 1, expectedVersion, "every version of the range is closed");
        return new Feed(rows, changes, schemas);
    }
}
