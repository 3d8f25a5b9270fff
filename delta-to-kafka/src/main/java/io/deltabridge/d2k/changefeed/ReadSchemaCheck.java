package io.deltabridge.d2k.changefeed;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.error.Problem;
import java.util.List;
import java.util.Optional;

/**
 * Spark's rule for reading a range of the change feed in one schema, the schema of its last version: the data
 * of every version in the range (the start version's schema and each schema a metaData action set) must be
 * readable in it. Added columns and nested fields are (they read as null); a column renamed, dropped, dropped and
 * added again, or given another type is not. Spark's {@code table_changes} refuses such a range with
 * DELTA_CHANGE_DATA_FEED_INCOMPATIBLE_DATA_SCHEMA; so does the bridge, naming the version to restart from.
 */
final class ReadSchemaCheck {
    private static final String PHYSICAL_NAME = "delta.columnMapping.physicalName";

    private ReadSchemaCheck() {}

    /**
     * @param startSchema the schema at {@code from}
     * @param changes the metaData actions of versions {@code from + 1 .. to}, in order
     * @throws io.deltabridge.core.error.DataException when a version's data cannot be read in the schema of {@code to}
     */
    static void check(String tableUri, long from, long to, StructType startSchema, List<MetadataChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        StructType read = changes.get(changes.size() - 1).schema();
        long lastIncompatible = -1;
        String why = null;
        Optional<String> start = incompatibility(startSchema, read, "");
        if (start.isPresent()) {
            lastIncompatible = from;
            why = start.get();
        }
        for (MetadataChange change : changes) {
            Optional<String> reason = incompatibility(change.schema(), read, "");
            if (reason.isPresent()) {
                lastIncompatible = change.version();
                why = reason.get();
            }
        }
        if (lastIncompatible < 0) {
            return;
        }
        // the schema that replaced the last incompatible one (the last schema always reads itself, so there is one)
        long since = lastIncompatible;
        long restartAt = changes.stream()
                .mapToLong(MetadataChange::version)
                .filter(v -> v > since)
                .min()
                .orElseThrow();
        throw Problem.of(
                        "The change data feed of %s cannot be read from version %d to %d in the schema of version %d",
                        tableUri, from, to, to)
                .because(
                        "the data of version %d cannot be read in that schema: %s (a column renamed, dropped or given"
                                + " another type since; Spark's table_changes refuses these versions too:"
                                + " DELTA_CHANGE_DATA_FEED_INCOMPATIBLE_DATA_SCHEMA)",
                        lastIncompatible, why)
                .fix(
                        "publish the changes from version %d on: reset the mapping's progress (bridge run --reset-progress)"
                                + " and set 'starting-version: %d'; versions %d to %d cannot be published in the current schema",
                        restartAt, restartAt, from, restartAt - 1)
                .data();
    }

    /** Why data of {@code data}'s schema cannot be read as {@code read}, or empty when it can. */
    static Optional<String> incompatibility(StructType data, StructType read, String prefix) {
        for (StructField field : data.fields()) {
            String path = prefix + field.getName();
            int i = read.indexOf(field.getName());
            if (i < 0) {
                return Optional.of("column " + path + " no longer exists (renamed or dropped)");
            }
            StructField now = read.at(i);
            Object physical = field.getMetadata().get(PHYSICAL_NAME);
            Object physicalNow = now.getMetadata().get(PHYSICAL_NAME);
            if (physical != null && physicalNow != null && !physical.equals(physicalNow)) {
                return Optional.of("column " + path + " is another column now (dropped and added again)");
            }
            Optional<String> type = incompatibility(field.getDataType(), now.getDataType(), path);
            if (type.isPresent()) {
                return type;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> incompatibility(DataType data, DataType read, String path) {
        if (data instanceof StructType s && read instanceof StructType r) {
            return incompatibility(s, r, path + ".");
        }
        if (data instanceof ArrayType a && read instanceof ArrayType r) {
            return incompatibility(a.getElementType(), r.getElementType(), path + ".element");
        }
        if (data instanceof MapType m && read instanceof MapType r) {
            Optional<String> key = incompatibility(m.getKeyType(), r.getKeyType(), path + ".key");
            return key.isPresent() ? key : incompatibility(m.getValueType(), r.getValueType(), path + ".value");
        }
        return data.equivalent(read)
                ? Optional.empty()
                : Optional.of("column " + path + " changed type from " + data + " to " + read);
    }
}
