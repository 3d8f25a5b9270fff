package io.deltabridge.core.codec.avro;

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
import io.deltabridge.core.codec.json.TemporalText;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.schema.avro.AvroSchemas;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.core.vector.ColumnBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.util.Utf8;

/**
 * Builds, once per (writer schema, table schema) pair, the tree of {@link ValueReader}s that reads
 * Avro binary written with the writer schema into the table's column builders: fields resolved by
 * name, Avro's promotions (int → long → float → double, string ⇄ bytes), logical types converted to
 * Delta's units, unknown fields handed to the {@link AvroRescue}.
 */
final class AvroReaders {
    private AvroReaders() {}

    /** Reads one value into a column builder. */
    interface ValueReader {
        void read(BinaryDecoder in, ColumnBuilder target) throws IOException;
    }

    /** What to do with each writer field of a record, in the writer's order. */
    record FieldPlan(String[] paths, int[] targetOrdinals, ValueReader[] readers, Schema[] writerSchemas) {
        /** Reads one record into the open row of {@code row}; unknown fields go to the rescue. */
        void readRow(BinaryDecoder in, BatchBuilder row, AvroRescue rescue) throws IOException {
            for (int i = 0; i < readers.length; i++) {
                int ordinal = targetOrdinals[i];
                if (ordinal >= 0) {
                    readers[i].read(in, row.column(ordinal));
                } else {
                    rescue.capture(paths[i], writerSchemas[i], in);
                }
            }
        }

        /** Reads one record into the fields of the open struct value of {@code struct}. */
        void readStruct(BinaryDecoder in, ColumnBuilder struct, AvroRescue rescue) throws IOException {
            for (int i = 0; i < readers.length; i++) {
                int ordinal = targetOrdinals[i];
                if (ordinal >= 0) {
                    readers[i].read(in, struct.child(ordinal));
                } else {
                    rescue.capture(paths[i], writerSchemas[i], in);
                }
            }
        }
    }

    /**
     * Matches the writer record's fields with {@code target}'s fields: by exact Delta name, else
     * ignoring case; {@code excluded} target fields (filled by the caller) are never matched.
     */
    static FieldPlan plan(Schema writer, StructType target, Set<String> excluded, String prefix, AvroRescue rescue) {
        List<Schema.Field> fields = writer.getFields();
        int n = fields.size();
        String[] paths = new String[n];
        int[] ordinals = new int[n];
        ValueReader[] readers = new ValueReader[n];
        Schema[] schemas = new Schema[n];
        boolean[] claimed = new boolean[target.length()];
        for (int i = 0; i < n; i++) {
            Schema.Field field = fields.get(i);
            String name = AvroSchemas.deltaName(field);
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            int ordinal = match(target, name, excluded, claimed);
            paths[i] = path;
            ordinals[i] = ordinal;
            schemas[i] = field.schema();
            if (ordinal >= 0) {
                claimed[ordinal] = true;
                readers[i] = forType(field.schema(), target.at(ordinal).getDataType(), path, rescue);
            }
        }
        return new FieldPlan(paths, ordinals, readers, schemas);
    }

    private static int match(StructType target, String name, Set<String> excluded, boolean[] claimed) {
        int exact = target.indexOf(name);
        if (exact >= 0 && !claimed[exact] && !excluded.contains(name)) {
            return exact;
        }
        List<StructField> fields = target.fields();
        for (int i = 0; i < fields.size(); i++) {
            String candidate = fields.get(i).getName();
            if (!claimed[i] && candidate.equalsIgnoreCase(name) && !excluded.contains(candidate)) {
                return i;
            }
        }
        return -1;
    }

    static ValueReader forType(Schema writer, DataType target, String path, AvroRescue rescue) {
        if (writer.getType() == Schema.Type.UNION) {
            return union(writer, target, path, rescue);
        }
        if (writer.getType() == Schema.Type.NULL) {
            return (in, b) -> {
                in.readNull();
                b.appendNull();
            };
        }
        ValueReader reader = nonNull(writer, target, path, rescue);
        return reader != null ? reader : mismatchReader(writer, target, path);
    }

    private static ValueReader union(Schema union, DataType target, String path, AvroRescue rescue) {
        List<Schema> branches = union.getTypes();
        ValueReader[] readers = new ValueReader[branches.size()];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = forType(branches.get(i), target, path, rescue);
        }
        return (in, b) -> readers[in.readIndex()].read(in, b);
    }

    /** A reader for a non-union writer type into {@code target}, or null when they do not match. */
    private static ValueReader nonNull(Schema writer, DataType target, String path, AvroRescue rescue) {
        LogicalType logical = writer.getLogicalType();
        switch (writer.getType()) {
            case BOOLEAN:
                return target instanceof BooleanType ? (in, b) -> b.appendBoolean(in.readBoolean()) : null;
            case INT:
                return fromInt(logical, target, path);
            case LONG:
                return fromLong(logical, target);
            case FLOAT:
                if (target instanceof FloatType) {
                    return (in, b) -> b.appendFloat(in.readFloat());
                }
                return target instanceof DoubleType ? (in, b) -> b.appendDouble(in.readFloat()) : null;
            case DOUBLE:
                return target instanceof DoubleType ? (in, b) -> b.appendDouble(in.readDouble()) : null;
            case STRING:
            case BYTES:
                return fromBytes(writer, logical, target, path);
            case FIXED:
                return fromFixed(writer, logical, target);
            case ENUM:
                return fromEnum(writer, target);
            case ARRAY:
                return fromArray(writer, target, path, rescue);
            case MAP:
                if (target instanceof MapType m && m.getKeyType() instanceof StringType) {
                    ValueReader value = forType(writer.getValueType(), m.getValueType(), path + "{value}", rescue);
                    Utf8[] reuse = {new Utf8()};
                    return (in, b) -> {
                        b.beginMap();
                        for (long n = BoundedReads.blockCount(in, false);
                                n != 0;
                                n = BoundedReads.blockCount(in, false)) {
                            for (long i = 0; i < n; i++) {
                                Utf8 key = BoundedReads.readString(in, reuse[0]);
                                reuse[0] = key;
                                b.keys().appendString(key.getBytes(), 0, key.getByteLength());
                                value.read(in, b.values());
                            }
                        }
                        b.endMap();
                    };
                }
                return null;
            case RECORD:
                if (target instanceof StructType s) {
                    FieldPlan plan = plan(writer, s, Set.of(), path, rescue);
                    return (in, b) -> {
                        b.beginStruct();
                        plan.readStruct(in, b, rescue);
                        b.endStruct();
                    };
                }
                return null;
            default:
                return null;
        }
    }

    private static ValueReader fromInt(LogicalType logical, DataType target, String path) {
        if (logical instanceof LogicalTypes.Date) {
            return target instanceof DateType ? (in, b) -> b.appendDate(in.readInt()) : null;
        }
        if (target instanceof IntegerType) {
            return (in, b) -> b.appendInt(in.readInt());
        } else if (target instanceof LongType) {
            return (in, b) -> b.appendLong(in.readInt());
        } else if (target instanceof FloatType) {
            return (in, b) -> b.appendFloat(in.readInt());
        } else if (target instanceof DoubleType) {
            return (in, b) -> b.appendDouble(in.readInt());
        } else if (target instanceof ShortType) {
            return (in, b) ->
                    b.appendShort((short) inRange(in.readInt(), Short.MIN_VALUE, Short.MAX_VALUE, "smallint", path));
        } else if (target instanceof ByteType) {
            return (in, b) ->
                    b.appendByte((byte) inRange(in.readInt(), Byte.MIN_VALUE, Byte.MAX_VALUE, "tinyint", path));
        }
        return null;
    }

    private static int inRange(int value, int min, int max, String type, String path) {
        if (value < min || value > max) {
            throw Problem.of("Value %d of field '%s' does not fit the column's type %s", value, path, type)
                    .because("%s holds %d to %d", type, min, max)
                    .fix("widen the column's type, or send values in range")
                    .data();
        }
        return value;
    }

    private static ValueReader fromLong(LogicalType logical, DataType target) {
        boolean utc = logical instanceof LogicalTypes.TimestampMillis
                || logical instanceof LogicalTypes.TimestampMicros
                || logical instanceof LogicalTypes.TimestampNanos;
        boolean local = logical instanceof LogicalTypes.LocalTimestampMillis
                || logical instanceof LogicalTypes.LocalTimestampMicros
                || logical instanceof LogicalTypes.LocalTimestampNanos;
        if (utc || local) {
            if (!(target instanceof TimestampType || target instanceof TimestampNTZType)) {
                return null;
            }
            if (logical instanceof LogicalTypes.TimestampMillis
                    || logical instanceof LogicalTypes.LocalTimestampMillis) {
                return (in, b) -> b.appendTimestamp(Math.multiplyExact(in.readLong(), 1000L));
            }
            if (logical instanceof LogicalTypes.TimestampNanos || logical instanceof LogicalTypes.LocalTimestampNanos) {
                return (in, b) -> b.appendTimestamp(Math.floorDiv(in.readLong(), 1000L));
            }
            return (in, b) -> b.appendTimestamp(in.readLong());
        }
        if (target instanceof LongType) {
            return (in, b) -> b.appendLong(in.readLong());
        } else if (target instanceof FloatType) {
            return (in, b) -> b.appendFloat(in.readLong());
        } else if (target instanceof DoubleType) {
            return (in, b) -> b.appendDouble(in.readLong());
        }
        return null;
    }

    private static ValueReader fromBytes(Schema writer, LogicalType logical, DataType target, String path) {
        if (logical instanceof LogicalTypes.Decimal d && writer.getType() == Schema.Type.BYTES) {
            if (!(target instanceof DecimalType)) {
                return null;
            }
            boolean sameScale = ((DecimalType) target).getScale() == d.getScale();
            int scale = d.getScale();
            ByteBuffer[] reuse = {null};
            return (in, b) -> {
                ByteBuffer bytes = BoundedReads.readBytes(in, reuse[0]);
                reuse[0] = bytes;
                appendDecimal(
                        bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining(), scale, sameScale, b);
            };
        }
        if (writer.getType() == Schema.Type.STRING
                && (target instanceof TimestampType || target instanceof TimestampNTZType)) {
            return timestampText(target instanceof TimestampType, path);
        }
        if (target instanceof StringType) {
            Utf8[] reuse = {new Utf8()};
            return (in, b) -> {
                Utf8 s = BoundedReads.readString(in, reuse[0]);
                reuse[0] = s;
                b.appendString(s.getBytes(), 0, s.getByteLength());
            };
        }
        if (target instanceof BinaryType) {
            ByteBuffer[] reuse = {null};
            return (in, b) -> {
                ByteBuffer bytes = BoundedReads.readBytes(in, reuse[0]);
                reuse[0] = bytes;
                b.appendBinary(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            };
        }
        return null;
    }

    /**
     * A string holding a timestamp in the text form of SPEC §7 (e.g. Debezium's ZonedTimestamp, an ISO
     * timestamp with offset), as the JSON decoder reads it.
     */
    private static ValueReader timestampText(boolean utc, String path) {
        Utf8[] reuse = {new Utf8()};
        return (in, b) -> {
            Utf8 s = BoundedReads.readString(in, reuse[0]);
            reuse[0] = s;
            char[] text = s.toString().toCharArray();
            long micros = TemporalText.parseTimestamp(text, 0, text.length, utc);
            if (micros == TemporalText.INVALID) {
                throw Problem.of(
                                "Field '%s' expects %s but the record has \"%s\"",
                                path, utc ? "TIMESTAMP" : "TIMESTAMP_NTZ", s)
                        .because(
                                "a string read into a timestamp column must be an ISO timestamp%s",
                                utc ? " (with or without offset)" : " without offset")
                        .fix(
                                "send the timestamp as yyyy-MM-ddTHH:mm:ss[.ffffff]%s, or as an Avro timestamp logical type",
                                utc ? "(Z|+hh:mm)" : "")
                        .data();
            }
            b.appendTimestamp(micros);
        };
    }

    private static ValueReader fromFixed(Schema writer, LogicalType logical, DataType target) {
        int size = writer.getFixedSize();
        byte[] buffer = new byte[size];
        if (logical instanceof LogicalTypes.Decimal d) {
            if (!(target instanceof DecimalType)) {
                return null;
            }
            boolean sameScale = ((DecimalType) target).getScale() == d.getScale();
            int scale = d.getScale();
            return (in, b) -> {
                in.readFixed(buffer, 0, size);
                appendDecimal(buffer, 0, size, scale, sameScale, b);
            };
        }
        if (target instanceof BinaryType) {
            return (in, b) -> {
                in.readFixed(buffer, 0, size);
                b.appendBinary(buffer, 0, size);
            };
        }
        return null;
    }

    /** A big-endian two's complement unscaled value with {@code scale}; longs without a BigInteger when the scales agree. */
    private static void appendDecimal(
            byte[] bytes, int offset, int length, int scale, boolean sameScale, ColumnBuilder b) {
        if (sameScale && length <= 8) {
            long unscaled = length == 0 ? 0 : bytes[offset]; // sign-extended first byte
            for (int i = 1; i < length; i++) {
                unscaled = (unscaled << 8) | (bytes[offset + i] & 0xff);
            }
            b.appendDecimalUnscaled(unscaled);
        } else {
            BigInteger unscaled = length == 0 ? BigInteger.ZERO : new BigInteger(bytes, offset, length);
            b.appendDecimal(new BigDecimal(unscaled, scale));
        }
    }

    private static ValueReader fromEnum(Schema writer, DataType target) {
        if (!(target instanceof StringType)) {
            return null;
        }
        List<String> symbols = writer.getEnumSymbols();
        byte[][] utf8 = new byte[symbols.size()][];
        for (int i = 0; i < utf8.length; i++) {
            utf8[i] = symbols.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return (in, b) -> {
            byte[] symbol = utf8[in.readEnum()];
            b.appendString(symbol, 0, symbol.length);
        };
    }

    private static ValueReader fromArray(Schema writer, DataType target, String path, AvroRescue rescue) {
        Schema element = writer.getElementType();
        if (target instanceof ArrayType a) {
            ValueReader reader = forType(element, a.getElementType(), path + "[]", rescue);
            boolean empty = BoundedReads.mayBeEmpty(element);
            return (in, b) -> {
                b.beginArray();
                for (long n = BoundedReads.blockCount(in, empty); n != 0; n = BoundedReads.blockCount(in, empty)) {
                    for (long i = 0; i < n; i++) {
                        reader.read(in, b.elements());
                    }
                }
                b.endArray();
            };
        }
        if (target instanceof MapType m
                && element.getType() == Schema.Type.RECORD
                && element.getFields().size() == 2
                && element.getField("key") != null
                && element.getField("value") != null) {
            // a map with non-string keys written as an array of {key, value} records
            boolean keyFirst = element.getField("key").pos() == 0;
            ValueReader key = forType(element.getField("key").schema(), m.getKeyType(), path + "{key}", rescue);
            ValueReader value = forType(element.getField("value").schema(), m.getValueType(), path + "{value}", rescue);
            boolean empty = BoundedReads.mayBeEmpty(element);
            return (in, b) -> {
                b.beginMap();
                for (long n = BoundedReads.blockCount(in, empty); n != 0; n = BoundedReads.blockCount(in, empty)) {
                    for (long i = 0; i < n; i++) {
                        if (keyFirst) {
                            key.read(in, b.keys());
                            value.read(in, b.values());
                        } else {
                            value.read(in, b.values());
                            key.read(in, b.keys());
                        }
                    }
                }
                b.endMap();
            };
        }
        return null;
    }

    /** Fails only when a record actually has a value of this writer type (a union may never use the branch). */
    private static ValueReader mismatchReader(Schema writer, DataType target, String path) {
        return new Mismatch(String.format(
                "Field '%s' has Avro type %s, which cannot be read into a column of type %s",
                path, brief(writer), target));
    }

    /** A writer type the column cannot hold: {@link AvroRowDecoder#mismatches()} lists those of top-level fields. */
    record Mismatch(String problem) implements ValueReader {
        @Override
        public void read(BinaryDecoder in, ColumnBuilder target) {
            throw Problem.of("%s", problem)
                    .because("the record's schema and the table's schema disagree on this field")
                    .fix("change the producer's schema or the table's column type so that they match")
                    .data();
        }
    }

    private static String brief(Schema schema) {
        String json = schema.toString();
        return json.length() <= 120 ? json : json.substring(0, 120) + "...";
    }
}
