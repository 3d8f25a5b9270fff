package io.deltabridge.d2k;

import io.delta.kernel.types.StructType;
import io.deltabridge.core.config.DeltaToKafkaMapping;
import io.deltabridge.core.error.Problem;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/** Which columns of a table schema a mapping's keys and values hold. */
record Projection(int[] keyOrdinals, int[] valueOrdinals) {

    /**
     * The key columns in {@code key} order; the value columns in table order, all of them or
     * those in {@code columns} plus the key columns.
     */
    static Projection of(DeltaToKafkaMapping mapping, StructType schema) {
        int[] key = mapping.key().stream()
                .mapToInt(c -> ordinal(schema, c, mapping))
                .toArray();
        Set<String> wanted = new HashSet<>(mapping.key());
        mapping.columns()
                .ifPresent(cols -> cols.forEach(c -> {
                    ordinal(schema, c, mapping);
                    wanted.add(c);
                }));
        List<String> names = schema.fieldNames();
        int[] value = IntStream.range(0, schema.length())
                .filter(i -> mapping.columns().isEmpty() || wanted.contains(names.get(i)))
                .toArray();
        return new Projection(key, value);
    }

    private static int ordinal(StructType schema, String column, DeltaToKafkaMapping mapping) {
        int i = schema.indexOf(column);
        if (i < 0) {
            throw Problem.of("Column '%s' of mapping '%s' is no longer in the table", column, mapping.name())
                    .because("the table schema changed; it now has the columns %s", schema.fieldNames())
                    .fix("adjust 'key' / 'columns' of the mapping to the new schema")
                    .data();
        }
        return i;
    }
}
