package io.deltabridge.k2d;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.*;
import io.deltabridge.testkit.TableScan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Reads a whole Delta table back with Delta Kernel, as JSON objects in the encoding of SPEC §7 (tests only). */
final class TableRows {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private TableRows() {}

    static List<ObjectNode> read(Engine engine, String path) {
        return read(engine, TableManager.loadSnapshot(path).build(engine));
    }

    /**
     * The rows of the table at {@code table}, none before its first commit. Checked on the commit, not on
     * {@code _delta_log}: a test that polls while a pipeline creates the table finds the directory before the commit.
     */
    static List<ObjectNode> readOrNone(Engine engine, Path table) {
        return Files.exists(table.resolve("_delta_log/00000000000000000000.json"))
                ? read(engine, table.toString())
                : List.of();
    }

    /** The {@code id} column of the table at {@code table}, sorted; none before its first commit. */
    static Set<Long> ids(Engine engine, Path table) {
        return readOrNone(engine, table).stream()
                .map(r -> r.get("id").asLong())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static List<ObjectNode> read(Engine engine, Snapshot snapshot) {
        List<ObjectNode> rows = new ArrayList<>();
        TableScan.forEachRow(engine, snapshot, Optional.empty(), (data, r) -> {
            StructType schema = data.getSchema();
            ObjectNode o = NODES.objectNode();
            for (int c = 0; c < schema.length(); c++) {
                o.set(schema.at(c).getName(), value(data.getColumnVector(c), r));
            }
            rows.add(normalise(o));
        });
        return rows;
    }

    /** Re-parse so that numbers compare like parsed fixture JSON does. */
    static ObjectNode normalise(ObjectNode o) {
        try {
            return (ObjectNode) JSON.readTree(JSON.writeValueAsString(o));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode value(ColumnVector v, int r) {
        if (v.isNullAt(r)) {
            return NODES.nullNode();
        }
        DataType t = v.getDataType();
        if (t instanceof BooleanType) return NODES.booleanNode(v.getBoolean(r));
        if (t instanceof ByteType) return NODES.numberNode(v.getByte(r));
        if (t instanceof ShortType) return NODES.numberNode(v.getShort(r));
        if (t instanceof IntegerType) return NODES.numberNode(v.getInt(r));
        if (t instanceof LongType) return NODES.numberNode(v.getLong(r));
        if (t instanceof FloatType) return floating(v.getFloat(r), Float.toString(v.getFloat(r)));
        if (t instanceof DoubleType) return floating(v.getDouble(r), Double.toString(v.getDouble(r)));
        if (t instanceof DecimalType) return NODES.textNode(v.getDecimal(r).toPlainString());
        if (t instanceof StringType) return NODES.textNode(v.getString(r));
        if (t instanceof BinaryType) return NODES.textNode(Base64.getEncoder().encodeToString(v.getBinary(r)));
        if (t instanceof DateType)
            return NODES.textNode(LocalDate.ofEpochDay(v.getInt(r)).toString());
        if (t instanceof TimestampType) return NODES.textNode(micros(v.getLong(r)) + "Z");
        if (t instanceof TimestampNTZType) return NODES.textNode(micros(v.getLong(r)));
        if (t instanceof ArrayType) {
            ArrayNode a = NODES.arrayNode();
            var value = v.getArray(r);
            for (int i = 0; i < value.getSize(); i++) {
                a.add(value(value.getElements(), i));
            }
            return a;
        }
        if (t instanceof MapType m) {
            var value = v.getMap(r);
            if (m.getKeyType() instanceof StringType) {
                ObjectNode o = NODES.objectNode();
                for (int i = 0; i < value.getSize(); i++) {
                    o.set(value.getKeys().getString(i), value(value.getValues(), i));
                }
                return o;
            }
            ArrayNode a = NODES.arrayNode();
            for (int i = 0; i < value.getSize(); i++) {
                a.add(NODES.objectNode()
                        .<ObjectNode>set("key", value(value.getKeys(), i))
                        .set("value", value(value.getValues(), i)));
            }
            return a;
        }
        if (t instanceof StructType s) {
            ObjectNode o = NODES.objectNode();
            for (int i = 0; i < s.length(); i++) {
                o.set(s.at(i).getName(), value(v.getChild(i), r));
            }
            return o;
        }
        throw new IllegalArgumentException("type " + t);
    }

    private static JsonNode floating(double d, String text) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return NODES.textNode(text);
        }
        return NODES.numberNode(Double.parseDouble(text));
    }

    private static String micros(long micros) {
        Instant i = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
        return TS.format(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
    }
}
