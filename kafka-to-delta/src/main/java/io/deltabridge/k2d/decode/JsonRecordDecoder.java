package io.deltabridge.k2d.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
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
import io.deltabridge.k2d.batch.ColumnBuilder;
import io.deltabridge.k2d.batch.NestedColumns;
import io.deltabridge.k2d.batch.PrimitiveColumns;
import io.deltabridge.k2d.batch.RowBatchBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

/**
 * Decodes one JSON object per record with the table schema and the encoding of SPEC §7,
 * streaming tokens straight into the column builders. Top-level fields the table does not
 * have go to {@code _rescued_data} as a JSON object; without that column they are an error.
 */
public final class JsonRecordDecoder implements RecordDecoder {
    private static final JsonFactory JSON = new JsonFactory();

    private final TableColumns columns;
    private final ByteArrayOutputStream rescuedBytes = new ByteArrayOutputStream();

    public JsonRecordDecoder(TableColumns columns) {
        this.columns = columns;
    }

    @Override
    public void decode(byte[] value, RowBatchBuilder batch) {
        if (value == null) {
            throw new DecodeException("the record has no value (a tombstone) but the table needs a JSON object");
        }
        int row = batch.rows();
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new DecodeException("the value is not a JSON object");
            }
            JsonGenerator rescued = null;
            String name;
            while ((name = p.nextFieldName()) != null) {
                int ordinal = columns.dataColumn(name);
                p.nextToken();
                if (ordinal < 0) {
                    rescued = rescue(p, name, rescued);
                    continue;
                }
                ColumnBuilder column = batch.column(ordinal);
                if (column.size() > row) {
                    throw new DecodeException("field '" + name + "' appears twice");
                }
                StructField field = columns.schema().at(ordinal);
                read(p, column, field.isNullable(), name);
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new DecodeException("unexpected content after the JSON object");
            }
            if (rescued != null) {
                rescued.writeEndObject();
                rescued.close();
                ((PrimitiveColumns.ObjectColumn) batch.column(columns.rescuedColumn())).append(rescuedBytes.toString(java.nio.charset.StandardCharsets.UTF_8));
            }
            requireNonNullColumns(batch, row);
        } catch (DecodeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DecodeException("invalid JSON for the table schema: " + e.getMessage(), e);
        }
    }

    private JsonGenerator rescue(JsonParser p, String name, JsonGenerator open) throws IOException {
        if (columns.rescuedColumn() < 0) {
            throw new DecodeException("field '" + name + "' is not a column of the table, and the table has no "
                    + TableColumns.RESCUED_DATA + " column to keep it");
        }
        JsonGenerator g = open;
        if (g == null) {
            rescuedBytes.reset();
            g = JSON.createGenerator(rescuedBytes);
            g.writeStartObject();
        }
        g.writeFieldName(new SerializedString(name));
        g.copyCurrentStructure(p);
        return g;
    }

    private void requireNonNullColumns(RowBatchBuilder batch, int row) {
        List<StructField> fields = columns.schema().fields();
        for (int i = 0; i < fields.size(); i++) {
            if (!fields.get(i).isNullable() && batch.column(i).size() == row && columns.dataColumn(fields.get(i).getName()) == i) {
                throw new DecodeException("column '" + fields.get(i).getName() + "' is NOT NULL but the record has no value for it");
            }
        }
    }

    private void read(JsonParser p, ColumnBuilder column, boolean nullable, String path) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            if (!nullable) {
                throw new DecodeException("'" + path + "' is null but the column does not allow nulls");
            }
            column.appendNull();
            return;
        }
        DataType type = column.type();
        if (type instanceof StringType) {
            expect(t == JsonToken.VALUE_STRING, path, "a string", p);
            ((PrimitiveColumns.ObjectColumn) column).append(p.getText());
        } else if (type instanceof LongType) {
            expect(t == JsonToken.VALUE_NUMBER_INT, path, "an integer", p);
            ((PrimitiveColumns.LongColumn) column).append(p.getLongValue());
        } else if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType) {
            expect(t == JsonToken.VALUE_NUMBER_INT, path, "an integer", p);
            int v = p.getIntValue();
            if ((type instanceof ShortType && (short) v != v) || (type instanceof ByteType && (byte) v != v)) {
                throw new DecodeException("'" + path + "' = " + v + " is out of range for " + type);
            }
            ((PrimitiveColumns.IntColumn) column).append(v);
        } else if (type instanceof DoubleType) {
            ((PrimitiveColumns.DoubleColumn) column).append(t == JsonToken.VALUE_STRING ? special(p.getText(), path) : number(p, path).getDoubleValue());
        } else if (type instanceof FloatType) {
            // from the text, not via double: 1.1 must stay 1.1f
            ((PrimitiveColumns.FloatColumn) column).append(t == JsonToken.VALUE_STRING ? (float) special(p.getText(), path) : Float.parseFloat(number(p, path).getText()));
        } else if (type instanceof BooleanType) {
            expect(t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE, path, "true or false", p);
            ((PrimitiveColumns.BooleanColumn) column).append(t == JsonToken.VALUE_TRUE);
        } else if (type instanceof DecimalType d) {
            expect(t == JsonToken.VALUE_STRING || t.isNumeric(), path, "a decimal string", p);
            BigDecimal v = new BigDecimal(p.getText()).setScale(d.getScale(), RoundingMode.UNNECESSARY);
            if (v.precision() > d.getPrecision()) {
                throw new DecodeException("'" + path + "' = " + v + " does not fit " + d);
            }
            ((PrimitiveColumns.ObjectColumn) column).append(v);
        } else if (type instanceof TimestampType) {
            expect(t == JsonToken.VALUE_STRING, path, "a timestamp string", p);
            Instant i = Instant.parse(p.getText());
            ((PrimitiveColumns.LongColumn) column).append(Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000));
        } else if (type instanceof TimestampNTZType) {
            expect(t == JsonToken.VALUE_STRING, path, "a timestamp string", p);
            LocalDateTime ldt = LocalDateTime.parse(p.getText());
            ((PrimitiveColumns.LongColumn) column).append(ldt.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + ldt.getNano() / 1000);
        } else if (type instanceof DateType) {
            expect(t == JsonToken.VALUE_STRING, path, "a date string", p);
            ((PrimitiveColumns.IntColumn) column).append(Math.toIntExact(LocalDate.parse(p.getText()).toEpochDay()));
        } else if (type instanceof BinaryType) {
            expect(t == JsonToken.VALUE_STRING, path, "a base64 string", p);
            ((PrimitiveColumns.ObjectColumn) column).append(Base64.getDecoder().decode(p.getText()));
        } else if (type instanceof ArrayType a) {
            expect(t == JsonToken.START_ARRAY, path, "an array", p);
            NestedColumns.ArrayColumn array = (NestedColumns.ArrayColumn) column;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                read(p, array.elements(), a.containsNull(), path + "[]");
            }
            array.end();
        } else if (type instanceof MapType m) {
            readMap(p, (NestedColumns.MapColumn) column, m, path);
        } else if (type instanceof StructType s) {
            expect(t == JsonToken.START_OBJECT, path, "an object", p);
            NestedColumns.StructColumn struct = (NestedColumns.StructColumn) column;
            int row = struct.size();
            String name;
            while ((name = p.nextFieldName()) != null) {
                int i = s.indexOf(name);
                if (i < 0) {
                    throw new DecodeException("'" + path + "." + name + "' is not a field of the struct column");
                }
                p.nextToken();
                read(p, struct.child(i), s.at(i).isNullable(), path + "." + name);
            }
            for (int i = 0; i < struct.fieldCount(); i++) {
                if (struct.child(i).size() == row) {
                    if (!s.at(i).isNullable()) {
                        throw new DecodeException("'" + path + "." + s.at(i).getName() + "' is NOT NULL but missing");
                    }
                    struct.child(i).appendNull();
                }
            }
            struct.end();
        } else {
            throw new DecodeException("column type " + type + " of '" + path + "' cannot be read from JSON");
        }
    }

    private void readMap(JsonParser p, NestedColumns.MapColumn map, MapType m, String path) throws IOException {
        JsonToken t = p.currentToken();
        if (m.getKeyType() instanceof StringType) {
            expect(t == JsonToken.START_OBJECT, path, "an object", p);
            String key;
            while ((key = p.nextFieldName()) != null) {
                ((PrimitiveColumns.ObjectColumn) map.keys()).append(key);
                p.nextToken();
                read(p, map.values(), m.isValueContainsNull(), path + "." + key);
            }
        } else {
            // non-string keys travel as [{"key":…,"value":…}] (SPEC §7)
            expect(t == JsonToken.START_ARRAY, path, "an array of {\"key\",\"value\"} objects", p);
            while (p.nextToken() != JsonToken.END_ARRAY) {
                expect(p.currentToken() == JsonToken.START_OBJECT, path, "a {\"key\",\"value\"} object", p);
                int entry = map.keys().size();
                String name;
                while ((name = p.nextFieldName()) != null) {
                    p.nextToken();
                    switch (name) {
                        case "key" -> read(p, map.keys(), false, path + ".key");
                        case "value" -> read(p, map.values(), m.isValueContainsNull(), path + ".value");
                        default -> throw new DecodeException("'" + path + "' entries have only 'key' and 'value', not '" + name + "'");
                    }
                }
                if (map.keys().size() == entry) {
                    throw new DecodeException("'" + path + "' has an entry without a key");
                }
                if (map.values().size() == entry) {
                    map.values().appendNull();
                }
            }
        }
        map.end();
    }

    private static double special(String text, String path) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new DecodeException("'" + path + "' = \"" + text + "\" is not a number");
        };
    }

    private static JsonParser number(JsonParser p, String path) throws IOException {
        expect(p.currentToken().isNumeric(), path, "a number", p);
        return p;
    }

    private static void expect(boolean ok, String path, String what, JsonParser p) {
        if (!ok) {
            throw new DecodeException("'" + path + "' should be " + what + " but is " + p.currentToken());
        }
    }
}
