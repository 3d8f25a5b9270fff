package io.deltabridge.interop.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Spark rows in the JSON encoding deltabridge publishes (SPEC §7): decimals as plain strings with their scale,
 * binary as base64, dates {@code yyyy-MM-dd}, timestamps {@code yyyy-MM-ddTHH:mm:ss.ffffffZ} (UTC), timestamp_ntz
 * without zone, NaN / infinities as strings, maps with string keys as objects and other maps as key/value arrays.
 */
final class CanonicalRows {
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private final ObjectMapper json;
    private final StructType schema;

    CanonicalRows(ObjectMapper json, StructType schema) {
        this.json = json;
        this.schema = schema;
    }

    ObjectNode of(Row row) {
        return struct(row, schema);
    }

    private ObjectNode struct(Row row, StructType type) {
        ObjectNode out = json.createObjectNode();
        StructField[] fields = type.fields();
        for (int i = 0; i < fields.length; i++) {
            out.set(fields[i].name(), value(row.isNullAt(i) ? null : row.get(i), fields[i].dataType()));
        }
        return out;
    }

    private JsonNode value(Object v, DataType type) {
        if (v == null) {
            return json.nullNode();
        }
        if (type instanceof StructType st) {
            return struct((Row) v, st);
        }
        if (type instanceof ArrayType at) {
            ArrayNode out = json.createArrayNode();
            for (Object item : asList(v)) {
                out.add(value(item, at.elementType()));
            }
            return out;
        }
        if (type instanceof MapType mt) {
            return map(asMap(v), mt);
        }
        if (type instanceof FloatType) {
            float f = (Float) v;
            return Float.isFinite(f)
                    ? json.getNodeFactory().numberNode(f)
                    : json.getNodeFactory().textNode(Float.toString(f));
        }
        if (type instanceof DoubleType) {
            double d = (Double) v;
            return Double.isFinite(d)
                    ? json.getNodeFactory().numberNode(d)
                    : json.getNodeFactory().textNode(Double.toString(d));
        }
        if (type instanceof DecimalType dt) {
            return json.getNodeFactory()
                    .textNode(((BigDecimal) v).setScale(dt.scale()).toPlainString());
        }
        if (v instanceof byte[] bytes) {
            return json.getNodeFactory().textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (v instanceof Instant instant) {
            return json.getNodeFactory()
                    .textNode(MICROS.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)) + "Z");
        }
        if (v instanceof LocalDateTime ntz) {
            return json.getNodeFactory().textNode(MICROS.format(ntz));
        }
        if (v instanceof Number || v instanceof Boolean) {
            return json.valueToTree(v);
        }
        return json.getNodeFactory().textNode(v.toString()); // strings, dates (LocalDate prints yyyy-MM-dd)
    }

    private JsonNode map(Map<Object, Object> m, MapType type) {
        if (type.keyType() instanceof StringType) {
            ObjectNode out = json.createObjectNode();
            m.forEach((k, val) -> out.set((String) k, value(val, type.valueType())));
            return out;
        }
        ArrayNode out = json.createArrayNode();
        m.forEach((k, val) -> out.addObject()
                .<ObjectNode>set("key", value(k, type.keyType()))
                .set("value", value(val, type.valueType())));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object v) {
        return v instanceof List<?> l
                ? (List<Object>) l
                : scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<Object>) v);
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> asMap(Object v) {
        return v instanceof Map<?, ?> m
                ? (Map<Object, Object>) m
                : scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Map<Object, Object>) v);
    }
}
