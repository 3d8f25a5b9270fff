package io.deltabridge.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.deltabridge.core.schema.DdlPrinter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A row in the bridge's JSON encoding (SPEC §7) as a Spark SQL row literal of the table's types, so that Spark
 * writes the source table of a round trip itself: {@code INSERT INTO t VALUES (<literal>), ...}.
 */
final class SqlLiterals {
    private final StructType schema;

    SqlLiterals(StructType schema) {
        this.schema = schema;
    }

    String row(ObjectNode row) {
        List<String> values = new ArrayList<>();
        for (StructField f : schema.fields()) {
            values.add(value(row.get(f.getName()), f.getDataType()));
        }
        return "(" + String.join(", ", values) + ")";
    }

    private String value(JsonNode v, DataType type) {
        if (v == null || v.isNull()) {
            return "CAST(NULL AS " + sqlType(type) + ")";
        }
        if (type instanceof StructType st) {
            List<String> parts = new ArrayList<>();
            st.fields().forEach(f -> parts.add("'" + f.getName() + "', " + value(v.get(f.getName()), f.getDataType())));
            return "named_struct(" + String.join(", ", parts) + ")";
        }
        if (type instanceof ArrayType at) {
            List<String> items = new ArrayList<>();
            v.forEach(item -> items.add(value(item, at.getElementType())));
            return "CAST(array(" + String.join(", ", items) + ") AS " + sqlType(type) + ")";
        }
        if (type instanceof MapType mt) {
            List<String> entries = new ArrayList<>();
            if (mt.getKeyType() instanceof StringType) {
                v.fields()
                        .forEachRemaining(
                                e -> entries.add(string(e.getKey()) + ", " + value(e.getValue(), mt.getValueType())));
            } else {
                v.forEach(e -> entries.add(
                        value(e.get("key"), mt.getKeyType()) + ", " + value(e.get("value"), mt.getValueType())));
            }
            return "CAST(map(" + String.join(", ", entries) + ") AS " + sqlType(type) + ")";
        }
        if (type instanceof BinaryType) {
            return "X'" + HexFormat.of().formatHex(Base64.getDecoder().decode(v.asText())) + "'";
        }
        if (type instanceof DateType) {
            return "DATE'" + v.asText() + "'";
        }
        if (type instanceof TimestampType) {
            return "TIMESTAMP'" + v.asText().replace("Z", "+00:00") + "'";
        }
        if (type instanceof TimestampNTZType) {
            return "TIMESTAMP_NTZ'" + v.asText() + "'";
        }
        if (type instanceof StringType) {
            return string(v.asText());
        }
        return "CAST('" + v.asText() + "' AS " + sqlType(type) + ")"; // numbers (decimals, NaN, infinities), booleans
    }

    private static String sqlType(DataType type) {
        return DdlPrinter.typeToDdl(type);
    }

    /** A Spark SQL string literal: the raw text in {@code r'...'} cannot hold every string, so escape instead. */
    private static String string(String s) {
        StringBuilder out = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\'' -> out.append("\\'");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append("'").toString();
    }
}
