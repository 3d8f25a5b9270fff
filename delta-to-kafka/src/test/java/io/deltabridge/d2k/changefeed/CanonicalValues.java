package io.deltabridge.d2k.changefeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * Renders a value read by the change feed, and a value of the fixtures' JSON, to the same
 * canonical text (the fixtures' JSON encoding, with map entries sorted), so rows compare as strings.
 */
public final class CanonicalValues {
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private CanonicalValues() {}

    public static String of(ColumnVector v, int row, DataType type) {
        if (v.isNullAt(row)) {
            return "null";
        }
        if (type instanceof BooleanType) {
            return String.valueOf(v.getBoolean(row));
        } else if (type instanceof ByteType) {
            return String.valueOf(v.getByte(row));
        } else if (type instanceof ShortType) {
            return String.valueOf(v.getShort(row));
        } else if (type instanceof IntegerType) {
            return String.valueOf(v.getInt(row));
        } else if (type instanceof LongType) {
            return String.valueOf(v.getLong(row));
        } else if (type instanceof FloatType) {
            float f = v.getFloat(row);
            return Float.isFinite(f) ? Float.toString(f) : quote(Float.toString(f));
        } else if (type instanceof DoubleType) {
            double d = v.getDouble(row);
            return Double.isFinite(d) ? Double.toString(d) : quote(Double.toString(d));
        } else if (type instanceof DecimalType dt) {
            return quote(v.getDecimal(row)
                    .setScale(dt.getScale(), RoundingMode.UNNECESSARY)
                    .toPlainString());
        } else if (type instanceof StringType) {
            return quote(v.getString(row));
        } else if (type instanceof BinaryType) {
            return quote(Base64.getEncoder().encodeToString(v.getBinary(row)));
        } else if (type instanceof DateType) {
            return quote(LocalDate.ofEpochDay(v.getInt(row)).toString());
        } else if (type instanceof TimestampType) {
            return quote(MICROS.format(LocalDateTime.ofInstant(micros(v.getLong(row)), ZoneOffset.UTC)) + "Z");
        } else if (type instanceof TimestampNTZType) {
            return quote(MICROS.format(LocalDateTime.ofInstant(micros(v.getLong(row)), ZoneOffset.UTC)));
        } else if (type instanceof ArrayType at) {
            ArrayValue a = v.getArray(row);
            List<String> items = new ArrayList<>();
            for (int i = 0; i < a.getSize(); i++) {
                items.add(of(a.getElements(), i, at.getElementType()));
            }
            return "[" + String.join(",", items) + "]";
        } else if (type instanceof MapType mt) {
            MapValue m = v.getMap(row);
            List<String> entries = new ArrayList<>();
            for (int i = 0; i < m.getSize(); i++) {
                entries.add(entry(of(m.getKeys(), i, mt.getKeyType()), of(m.getValues(), i, mt.getValueType()), mt));
            }
            return map(entries, mt);
        } else if (type instanceof StructType st) {
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < st.length(); i++) {
                StructField f = st.at(i);
                fields.add(quote(f.getName()) + ":" + of(v.getChild(i), row, f.getDataType()));
            }
            return "{" + String.join(",", fields) + "}";
        }
        throw new IllegalArgumentException("no canonical form for " + type);
    }

    public static String of(JsonNode n, DataType type) {
        if (n == null || n.isNull()) {
            return "null";
        }
        if (type instanceof FloatType || type instanceof DoubleType) {
            return n.isTextual()
                    ? quote(n.asText())
                    : type instanceof FloatType ? Float.toString(n.floatValue()) : Double.toString(n.doubleValue());
        } else if (type instanceof ArrayType at) {
            List<String> items = new ArrayList<>();
            n.forEach(e -> items.add(of(e, at.getElementType())));
            return "[" + String.join(",", items) + "]";
        } else if (type instanceof MapType mt) {
            List<String> entries = new ArrayList<>();
            if (mt.getKeyType() instanceof StringType) {
                n.fields()
                        .forEachRemaining(
                                e -> entries.add(entry(quote(e.getKey()), of(e.getValue(), mt.getValueType()), mt)));
            } else {
                n.forEach(e -> entries.add(
                        entry(of(e.get("key"), mt.getKeyType()), of(e.get("value"), mt.getValueType()), mt)));
            }
            return map(entries, mt);
        } else if (type instanceof StructType st) {
            List<String> fields = new ArrayList<>();
            for (StructField f : st.fields()) {
                fields.add(quote(f.getName()) + ":" + of(n.get(f.getName()), f.getDataType()));
            }
            return "{" + String.join(",", fields) + "}";
        } else if (n.isTextual()) {
            return quote(n.asText());
        }
        return n.asText();
    }

    private static String entry(String key, String value, MapType type) {
        return type.getKeyType() instanceof StringType
                ? key + ":" + value
                : "{\"key\":" + key + ",\"value\":" + value + "}";
    }

    private static String map(List<String> entries, MapType type) {
        Collections.sort(entries);
        String joined = String.join(",", entries);
        return type.getKeyType() instanceof StringType ? "{" + joined + "}" : "[" + joined + "]";
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    static String quote(String s) {
        return new TextNode(s).toString();
    }
}
