package io.deltabridge.cli;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.deltabridge.core.delta.KernelIterators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads the first rows of a (small, unpartitioned, not column-mapped) Delta table as text, for the
 * quickstart to show what landed. Not a general reader: the bridge itself never reads tables this way.
 */
final class TablePreview {
    private TablePreview() {}

    /**
     * Up to {@code limit} rows, each a column → text map restricted to {@code columns}; of
     * string maps only the entries whose key {@code mapKeys} accepts.
     */
    static List<Map<String, String>> read(
            Engine engine, String table, List<String> columns, Predicate<String> mapKeys, int limit) {
        Snapshot snapshot = TableManager.loadSnapshot(table).build(engine);
        StructType schema = snapshot.getSchema();
        Scan scan = snapshot.getScanBuilder().build();
        Row scanState = scan.getScanState(engine);
        // what Kernel must read to make the logical rows: with the row index when the table has deletion vectors
        StructType physical = ScanStateRow.getPhysicalDataReadSchema(scanState);
        List<Map<String, String>> out = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
            while (files.hasNext() && out.size() < limit) {
                try (CloseableIterator<Row> scanFiles = files.next().getRows()) {
                    while (scanFiles.hasNext() && out.size() < limit) {
                        Row scanFile = scanFiles.next();
                        FileStatus status = InternalScanFileUtils.getAddFileStatus(scanFile);
                        CloseableIterator<ColumnarBatch> data = engine.getParquetHandler()
                                .readParquetFiles(KernelIterators.single(status), physical, Optional.empty())
                                .map(FileReadResult::getData);
                        try (CloseableIterator<FilteredColumnarBatch> logical =
                                Scan.transformPhysicalData(engine, scanState, scanFile, data)) {
                            while (logical.hasNext() && out.size() < limit) {
                                try (CloseableIterator<Row> rows =
                                        logical.next().getRows()) {
                                    while (rows.hasNext() && out.size() < limit) {
                                        out.add(format(rows.next(), schema, columns, mapKeys));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Map<String, String> format(
            Row row, StructType schema, List<String> columns, Predicate<String> mapKeys) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String column : columns) {
            int i = schema.indexOf(column);
            if (i >= 0) {
                values.put(
                        column,
                        row.isNullAt(i) ? "null" : value(row, i, schema.at(i).getDataType(), mapKeys));
            }
        }
        return values;
    }

    private static String value(Row row, int i, DataType type, Predicate<String> mapKeys) {
        if (type instanceof StringType) {
            return row.getString(i);
        } else if (type instanceof LongType) {
            return Long.toString(row.getLong(i));
        } else if (type instanceof IntegerType) {
            return Integer.toString(row.getInt(i));
        } else if (type instanceof DoubleType) {
            return Double.toString(row.getDouble(i));
        } else if (type instanceof FloatType) {
            return Float.toString(row.getFloat(i));
        } else if (type instanceof BooleanType) {
            return Boolean.toString(row.getBoolean(i));
        } else if (type instanceof DecimalType) {
            return row.getDecimal(i).toPlainString();
        } else if (type instanceof DateType) {
            return LocalDate.ofEpochDay(row.getInt(i)).toString();
        } else if (type instanceof TimestampType) {
            long micros = row.getLong(i);
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L)
                    .toString();
        } else if (type instanceof MapType map) {
            return map(row.getMap(i), map, mapKeys);
        } else if (type instanceof ArrayType) {
            ArrayValue array = row.getArray(i);
            return "[" + array.getSize() + " elements]";
        }
        return "(" + type + ")";
    }

    private static String map(MapValue map, MapType type, Predicate<String> mapKeys) {
        if (!(type.getKeyType() instanceof StringType && type.getValueType() instanceof StringType)) {
            return "{" + map.getSize() + " entries}";
        }
        ColumnVector keys = map.getKeys();
        ColumnVector values = map.getValues();
        StringBuilder sb = new StringBuilder("{");
        for (int k = 0; k < map.getSize(); k++) {
            if (mapKeys.test(keys.getString(k))) {
                sb.append(sb.length() == 1 ? "" : ", ")
                        .append(keys.getString(k))
                        .append('=')
                        .append(values.isNullAt(k) ? "null" : values.getString(k));
            }
        }
        return sb.append('}').toString();
    }
}
