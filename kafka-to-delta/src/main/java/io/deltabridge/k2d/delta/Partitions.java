package io.deltabridge.k2d.delta;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.deltabridge.core.error.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Splits a batch by partition value: Kernel writes one partition per call. */
final class Partitions {
    private Partitions() {}

    /**
     * One partition value and the rows having it (a selection vector; empty = all rows); {@code key}: the plain Java
     * values, equal for equal partition values (Literal has no hashCode).
     */
    record Split(List<Object> key, Map<String, Literal> partitionValues, Optional<ColumnVector> selection) {}

    /** The splits of a batch and, per row, the index of its split: for a pass over the rows that routes each once. */
    record Grouped(List<Split> splits, int[] groupOf) {}

    /** The partition values of {@code batch} and their rows. */
    static List<Split> split(ColumnarBatch batch, List<String> partitionColumns) {
        return group(batch, partitionColumns).splits();
    }

    /**
     * The partition values of {@code batch}, their rows, and each row's value. One group number per row, shared by
     * the selection vectors of all values: memory grows with the rows, not with rows × values.
     */
    static Grouped group(ColumnarBatch batch, List<String> partitionColumns) {
        if (partitionColumns.isEmpty()) {
            return new Grouped(List.of(new Split(List.of(), Map.of(), Optional.empty())), new int[batch.getSize()]);
        }
        int[] ordinals =
                partitionColumns.stream().mapToInt(c -> indexOf(batch, c)).toArray();
        // Literal has no hashCode: group by the plain Java values, keep the literals beside
        Map<List<Object>, Integer> numbers = new HashMap<>();
        List<List<Object>> keys = new ArrayList<>();
        List<Literal[]> literalsByGroup = new ArrayList<>();
        int n = batch.getSize();
        int[] groupOf = new int[n];
        for (int row = 0; row < n; row++) {
            Literal[] literals = new Literal[ordinals.length];
            Object[] values = new Object[ordinals.length];
            for (int i = 0; i < ordinals.length; i++) {
                literals[i] = literal(batch.getColumnVector(ordinals[i]), row);
                values[i] = literals[i].getValue();
            }
            groupOf[row] = numbers.computeIfAbsent(Arrays.asList(values), k -> {
                keys.add(k);
                literalsByGroup.add(literals);
                return literalsByGroup.size() - 1;
            });
        }
        List<Split> splits = new ArrayList<>(literalsByGroup.size());
        for (int g = 0; g < literalsByGroup.size(); g++) {
            Map<String, Literal> partitionValues = new HashMap<>();
            for (int i = 0; i < ordinals.length; i++) {
                partitionValues.put(
                        batch.getSchema().at(ordinals[i]).getName(),
                        literalsByGroup.get(g)[i]);
            }
            int group = g;
            splits.add(new Split(
                    keys.get(g),
                    partitionValues,
                    Optional.of(Selection.of(groupOf.length, row -> groupOf[row] == group))));
        }
        return new Grouped(splits, groupOf);
    }

    private static int indexOf(ColumnarBatch batch, String column) {
        // Delta partition column names are case-insensitive
        List<String> names = batch.getSchema().fieldNames();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        throw new IllegalStateException("partition column " + column + " is not in the table schema " + names);
    }

    static Literal literal(ColumnVector v, int row) {
        DataType t = v.getDataType();
        if (v.isNullAt(row)) {
            return Literal.ofNull(t);
        }
        if (t instanceof StringType) return Literal.ofString(v.getString(row));
        if (t instanceof IntegerType) return Literal.ofInt(v.getInt(row));
        if (t instanceof LongType) return Literal.ofLong(v.getLong(row));
        if (t instanceof DateType) return Literal.ofDate(v.getInt(row));
        if (t instanceof TimestampType) return Literal.ofTimestamp(v.getLong(row));
        if (t instanceof TimestampNTZType) return Literal.ofTimestampNtz(v.getLong(row));
        if (t instanceof BooleanType) return Literal.ofBoolean(v.getBoolean(row));
        if (t instanceof ShortType) return Literal.ofShort(v.getShort(row));
        if (t instanceof ByteType) return Literal.ofByte(v.getByte(row));
        if (t instanceof DecimalType d) return Literal.ofDecimal(v.getDecimal(row), d.getPrecision(), d.getScale());
        if (t instanceof DoubleType) return Literal.ofDouble(v.getDouble(row));
        if (t instanceof FloatType) return Literal.ofFloat(v.getFloat(row));
        throw Problem.of("Partition column type %s is not supported", t)
                .fix("partition by a column of a primitive type (string, numbers, date, timestamp, boolean)")
                .config();
    }
}
