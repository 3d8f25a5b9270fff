package io.deltabridge.k2d.decode;

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
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.deltabridge.core.codec.RowDecoder;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.format.ConfluentWireFormat;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.core.schema.avro.AvroSchemas;
import io.deltabridge.core.vector.BatchBuilder;
import io.deltabridge.core.vector.ColumnBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * {@code format: avro} for kafka → delta: the Confluent wire format with the writer schema
 * fetched by id from the registry (once per id), fields mapped by their Delta name
 * ({@link AvroSchemas#deltaName}) onto the table's columns, following the contract of
 * {@link RowDecoder}. Unknown top-level fields go to {@code _rescued_data} as JSON.
 */
public final class AvroRecordDecoder implements RowDecoder {
    private final StructType target;
    private final Set<String> callerColumns;
    private final int rescuedOrdinal;
    private final SchemaRegistryClient registry;
    private final Map<Integer, GenericDatumReader<GenericRecord>> readers = new HashMap<>();
    private BinaryDecoder decoder;

    public AvroRecordDecoder(StructType target, Set<String> callerColumns, SchemaRegistryClient registry) {
        this.target = target;
        this.callerColumns = Set.copyOf(callerColumns);
        this.rescuedOrdinal = target.indexOf(RESCUED_DATA_COLUMN);
        this.registry = registry;
    }

    @Override
    public void decodeInto(byte[] data, int offset, int length, BatchBuilder batch) {
        byte[] message = offset == 0 && length == data.length ? data : java.util.Arrays.copyOfRange(data, offset, offset + length);
        int id = ConfluentWireFormat.schemaId(message);
        GenericDatumReader<GenericRecord> reader = readers.get(id);
        if (reader == null) {
            reader = readerFor(id);
            readers.put(id, reader);
        }
        GenericRecord record;
        try {
            decoder = DecoderFactory.get().binaryDecoder(message, ConfluentWireFormat.HEADER_SIZE, message.length - ConfluentWireFormat.HEADER_SIZE, decoder);
            record = reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw Problem.of("Record is not valid Avro for schema id %d", id).because("%s", e.getMessage())
                    .fix("produce records with the schema registered under that id").data(e);
        }
        StringBuilder rescued = null;
        for (Schema.Field field : record.getSchema().getFields()) {
            String name = AvroSchemas.deltaName(field);
            int ordinal = callerColumns.contains(name) || name.equals(RESCUED_DATA_COLUMN) ? -1 : target.indexOf(name);
            Object v = record.get(field.pos());
            if (ordinal < 0) {
                if (rescuedOrdinal < 0) {
                    throw Problem.of("Record has field '%s' that the table does not have", name)
                            .because("the table has no %s column to keep it", RESCUED_DATA_COLUMN)
                            .fix("add the column to the table, or add a STRING column %s", RESCUED_DATA_COLUMN).data();
                }
                rescued = rescued == null ? new StringBuilder("{") : rescued.append(',');
                rescued.append('"').append(name).append("\":").append(GenericData.get().toString(v));
                continue;
            }
            append(batch.column(ordinal), nonNull(field.schema()), v);
        }
        if (rescued != null) {
            batch.column(rescuedOrdinal).appendString(rescued.append('}').toString());
        }
    }

    private GenericDatumReader<GenericRecord> readerFor(int id) {
        Schema schema;
        try {
            schema = registry.schemaById(id);
        } catch (RuntimeException e) {
            throw Problem.of("Unknown Avro schema id %d", id).because("%s", e.getMessage())
                    .fix("produce with a schema registered in the configured registry").data(e);
        }
        if (schema.getType() != Schema.Type.RECORD) {
            throw Problem.of("Schema id %d is a %s, not a record", id, schema.getType())
                    .fix("produce values with a record schema").data();
        }
        return new GenericDatumReader<>(schema);
    }

    private static Schema nonNull(Schema s) {
        if (s.getType() != Schema.Type.UNION) {
            return s;
        }
        for (Schema branch : s.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                return branch;
            }
        }
        return s;
    }

    private void append(ColumnBuilder column, Schema schema, Object v) {
        if (v == null) {
            column.appendNull();
            return;
        }
        DataType type = column.type();
        LogicalType logical = schema.getLogicalType();
        try {
            if (type instanceof StringType) {
                column.appendString(v.toString());
            } else if (type instanceof LongType) {
                column.appendLong(((Number) v).longValue());
            } else if (type instanceof TimestampType || type instanceof TimestampNTZType) {
                long raw = ((Number) v).longValue();
                boolean millis = logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.LocalTimestampMillis;
                column.appendTimestamp(millis ? Math.multiplyExact(raw, 1000L) : raw);
            } else if (type instanceof IntegerType) {
                column.appendInt((Integer) v);
            } else if (type instanceof DateType) {
                column.appendDate((Integer) v);
            } else if (type instanceof ShortType) {
                column.appendShort(narrow((Integer) v, Short.MIN_VALUE, Short.MAX_VALUE, column).shortValue());
            } else if (type instanceof ByteType) {
                column.appendByte(narrow((Integer) v, Byte.MIN_VALUE, Byte.MAX_VALUE, column).byteValue());
            } else if (type instanceof DoubleType) {
                column.appendDouble(((Number) v).doubleValue());
            } else if (type instanceof FloatType) {
                column.appendFloat((Float) v);
            } else if (type instanceof BooleanType) {
                column.appendBoolean((Boolean) v);
            } else if (type instanceof DecimalType) {
                int scale = ((LogicalTypes.Decimal) logical).getScale();
                column.appendDecimal(new BigDecimal(new BigInteger(bytes(v)), scale));
            } else if (type instanceof BinaryType) {
                column.appendBinary(bytes(v));
            } else if (type instanceof ArrayType) {
                Schema element = nonNull(schema.getElementType());
                column.beginArray();
                for (Object e : (Collection<?>) v) {
                    append(column.elements(), element, e);
                }
                column.endArray();
            } else if (type instanceof MapType && schema.getType() == Schema.Type.MAP) {
                Schema valueSchema = nonNull(schema.getValueType());
                column.beginMap();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    column.keys().appendString(e.getKey().toString());
                    append(column.values(), valueSchema, e.getValue());
                }
                column.endMap();
            } else if (type instanceof MapType) {
                // maps with non-string keys travel as arrays of {key, value} records (SPEC §7)
                Schema entry = nonNull(schema.getElementType());
                column.beginMap();
                for (Object e : (Collection<?>) v) {
                    GenericRecord kv = (GenericRecord) e;
                    append(column.keys(), nonNull(entry.getField("key").schema()), kv.get("key"));
                    append(column.values(), nonNull(entry.getField("value").schema()), kv.get("value"));
                }
                column.endMap();
            } else if (type instanceof StructType s) {
                GenericRecord record = (GenericRecord) v;
                column.beginStruct();
                for (Schema.Field f : record.getSchema().getFields()) {
                    int i = s.indexOf(AvroSchemas.deltaName(f));
                    if (i < 0) {
                        throw Problem.of("Record has field '%s.%s' that the table does not have", column.path(), f.name())
                                .fix("add the field to the struct column").data();
                    }
                    append(column.child(i), nonNull(f.schema()), record.get(f.pos()));
                }
                column.endStruct();
            } else {
                throw Problem.of("Avro %s cannot be stored in column '%s' of type %s", schema.getType(), column.path(), type)
                        .fix("produce the type SPEC §7 maps to %s", type).data();
            }
        } catch (ClassCastException | ArithmeticException | NullPointerException e) {
            throw Problem.of("Avro %s does not map to column '%s' of type %s", schema, column.path(), type)
                    .because("%s", e.getMessage()).fix("produce the type SPEC §7 maps to %s", type).data(e);
        }
    }

    private static Integer narrow(Integer v, int min, int max, ColumnBuilder column) {
        if (v < min || v > max) {
            throw Problem.of("Value %d is out of range for column '%s' (%s)", v, column.path(), column.type()).data();
        }
        return v;
    }

    private static byte[] bytes(Object v) {
        if (v instanceof ByteBuffer b) {
            byte[] out = new byte[b.remaining()];
            b.duplicate().get(out);
            return out;
        }
        return ((GenericFixed) v).bytes().clone();
    }
}
