package io.deltabridge.d2k.changefeed;

import java.util.Locale;

/** The kind of a change row, with the names Delta's change data feed uses in {@code _change_type}. */
public enum ChangeType {
    INSERT("insert"),
    UPDATE_PREIMAGE("update_preimage"),
    UPDATE_POSTIMAGE("update_postimage"),
    DELETE("delete");

    private final String sparkName;

    ChangeType(String sparkName) {
        this.sparkName = sparkName;
    }

    /** The value of {@code _change_type} in Spark's {@code readChangeFeed}, e.g. {@code update_postimage}. */
    public String sparkName() {
        return sparkName;
    }

    /** Parses a {@code _change_type} value as written in cdc files. */
    public static ChangeType fromSparkName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "insert" -> INSERT;
            case "update_preimage" -> UPDATE_PREIMAGE;
            case "update_postimage" -> UPDATE_POSTIMAGE;
            case "delete" -> DELETE;
            default -> throw new IllegalArgumentException("Unknown _change_type '" + name + "'");
        };
    }
}
