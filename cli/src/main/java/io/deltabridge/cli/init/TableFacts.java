package io.deltabridge.cli.init;

import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** What a Delta table's latest snapshot says about the mapping to write. */
record TableFacts(String uri, String name, StructType schema, long version, boolean changeFeedEnabled) {

    /** The key column to suggest: {@code id}, else a NOT NULL column ending in {@code id}, else the first column. */
    String keyGuess() {
        return idColumn().map(StructField::getName).orElse(schema.at(0).getName());
    }

    String keyGuessReason() {
        return idColumn().isPresent() ? "its name" : "the first column";
    }

    private Optional<StructField> idColumn() {
        return schema.fields().stream()
                .filter(f -> lower(f).equals("id") || (!f.isNullable() && lower(f).endsWith("id")))
                .min(Comparator.comparing(f -> !lower(f).equals("id")));
    }

    private static String lower(StructField f) {
        return f.getName().toLowerCase(Locale.ROOT);
    }
}
