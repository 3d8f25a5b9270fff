package io.deltabridge.k2d.decode;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.deltabridge.core.registry.SchemaRegistryClient;
import io.deltabridge.k2d.batch.ColumnBuilder;
import io.deltabridge.k2d.batch.NestedColumns;
import io.deltabridge.k2d.batch.PrimitiveColumns;
import io.deltabridge.k2d.batch.RowBatchBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Decodes the Confluent wire format (magic byte 0, 4-byte big-endian schema id, Avro binary)
 * with the writer schema fetched by id from the registry (cached per id), and maps the
 * record's fields by name onto the table's columns. Fields the table lacks go to
 * {@code _rescued_data} as JSON, or make the record a data error.
 */
public final class AvroRecordDecoder implements RecordDecoder {
    private final TableColumns columns;
    private final SchemaRegistryClient registry;
    private final Map<Integer, GenericDatumReader<GenericRecord>> readers = new HashMap<>();
    private BinaryDecoder decoder;

    public AvroRecordDecoder(TableColumns columns, SchemaRegistryClient registry) {
        this.columns = columns;
        this.registry = registry;
    }

    @Override
    public void decode(byte[] value, RowBatchBuilder batch) {
        if (value == null || value.length < 5 || value[0] != 0) {
            throw new DecodeException("the value is not in the Confluent Avro wire format (magic byte 0 and a 4-byte schema id)");
        }
        int id = ByteBuffer.wrap(value, 1, 4).getInt();
        GenericDatumReader<GenericRecord> reader = readers.computeIfAbsent(id, this::readerFor);
        GenericRecord record;
        try {
            decoder = DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, decoder);
            record = reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new DecodeException("the Avro bytes do not match schema id " + id + ": " + e.getMessage(), e);
        }
        int row = batch.rows();
        StringBuilder rescued = null;
        for (Schema.Field field : record.getSchema().getFields()) {
            int ordinal = columns.dataColumn(field.name());
            Object v = record.get(field.pos());
            if (ordinal < 0) {
                if (columns.rescuedColumn() < 0) {
                    throw new DecodeException("field '" + field.name() + "' is not a column of the table, and the table has no "
                            + TableColumns.RESCUED_DATA + " column to keep it");
                }
                rescued = rescued == null ? new StringBuilder("{") : rescued.append(',');
                rescued.append('"').append(field.name()).append("\":");
                rescued.append(GenericData.get().toString(v));
                continue;
            }
            append(batch.column(ordinal), AvroToDelta.nonNull(field.schema()), v, columns.schema().at(ordinal).isNullable(), field.name());
        }
        if (rescued != null) {
            ((PrimitiveColumns.ObjectColumn) batch.column(columns.rescuedColumn())).append(rescued.append('}').toString());
        }
        var fields = columns.schema().fields();
        for (int i = 0; i < fields.size(); i++) {
            if (!fields.get(i).isNullable() && batch.column(i).size() == row && columns.dataColumn(fields.get(i).getName()) == i) {
                throw new DecodeException("column '" + fields.get(i).getName() + "' is NOT NULL but the record has no value for it");
            }
        }
    }

    private GenericDatumReader<GenericRecord> readerFor(int id) {
        Schema schema;
        try {
            schema = registry.schemaById(id);
        } catch (RuntimeException e) {
            throw new DecodeException("schema id " + id + " is unknown to the registry: " + e.getMessage(), e);
        }
        if (schema.getType() != Schema.Type.RECORD) {
            throw new DecodeException("schema id " + id + " is a " + schema.getType() + ", not a record");
        }
        return new GenericDatumReader<>(schema);
    }

    private void append(ColumnBuilder column, Schema schema, Object v, boolean nullable, String path) {
        if (v == null) {
            if (!nullable) {
                throw new DecodeException("'" + path + "' is null but the column does not allow nulls");
            }
            column.appendNull();
            return;
        }
        DataType type = column.type();
        LogicalType logical = schema.getLogicalType();
        try {
            if (type instanceof StringType) {
                ((PrimitiveColumns.ObjectColumn) column).append(v.toString());
            } else if (type instanceof LongType) {
                ((PrimitiveColumns.LongColumn) column).append(((Number) v).longValue());
            } else if (type instanceof TimestampType || type instanceof TimestampNTZType) {
                long raw = ((Number) v).longValue();
                boolean millis = logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.LocalTimestampMillis;
                ((PrimitiveColumns.LongColumn) column).append(millis ? Math.multiplyExact(raw, 1000L) : raw);
            } else if (type instanceof IntegerType || type instanceof DateType || type instanceof ShortType || type instanceof ByteType) {
                int i = ((Integer) v);
                if ((type instanceof ShortType && (short) i != i) || (type instanceof ByteType && (byte) i != i)) {
                    throw new DecodeException("'" + path + "' = " + i + " is out of range for " + type);
                }
                ((PrimitiveColumns.IntColumn) column).append(i);
            } else if (type instanceof DoubleType) {
                ((PrimitiveColumns.DoubleColumn) column).append(((Number) v).doubleValue());
            } else if (type instanceof FloatType) {
                ((PrimitiveColumns.FloatColumn) column).append((Float) v);
            } else if (type instanceof BooleanType) {
                ((PrimitiveColumns.BooleanColumn) column).append((Boolean) v);
            } else if (type instanceof DecimalType d) {
                int scale = ((LogicalTypes.Decimal) logical).getScale();
                BigDecimal dec = new BigDecimal(new BigInteger(bytes(v)), scale).setScale(d.getScale(), RoundingMode.UNNECESSARY);
                if (dec.precision() > d.getPrecision()) {
                    throw new DecodeException("'" + path + "' = " + dec + " does not fit " + d);
                }
                ((PrimitiveColumns.ObjectColumn) column).append(dec);
            } else if (type instanceof BinaryType) {
                ((PrimitiveColumns.ObjectColumn) column).append(bytes(v));
            } else if (type instanceof ArrayType a) {
                NestedColumns.ArrayColumn array = (NestedColumns.ArrayColumn) column;
                Schema element = AvroToDelta.nonNull(schema.getElementType());
                for (Object e : (Collection<?>) v) {
                    append(array.elements(), element, e, a.containsNull(), path + "[]");
                }
                array.end();
            } else if (type instanceof MapType m && m.getKeyType() instanceof StringType) {
                NestedColumns.MapColumn map = (NestedColumns.MapColumn) column;
                Schema valueSchema = AvroToDelta.nonNull(schema.getValueType());
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    ((PrimitiveColumns.ObjectColumn) map.keys()).append(e.getKey().toString());
                    append(map.values(), valueSchema, e.getValue(), m.isValueContainsNull(), path + "." + e.getKey());
                }
                map.end();
            } else if (type instanceof StructType s) {
                appendStruct((NestedColumns.StructColumn) column, s, (GenericRecord) v, path);
            } else {
                throw new DecodeException("'" + path + "': Avro " + schema.getType() + " cannot be stored in a " + type + " column");
            }
        } catch (ClassCastException | ArithmeticException | NullPointerException e) {
            throw new DecodeException("'" + path + "': Avro " + schema + " does not map to the column type " + type, e);
        }
    }

    private void appendStruct(NestedColumns.StructColumn struct, StructType s, GenericRecord record, String path) {
        int row = struct.size();
        for (Schema.Field f : record.getSchema().getFields()) {
            int i = s.indexOf(f.name());
            if (i < 0) {
                throw new DecodeException("'" + path + "." + f.name() + "' is not a field of the struct column");
            }
            append(struct.child(i), AvroToDelta.nonNull(f.schema()), record.get(f.pos()), s.at(i).isNullable(), path + "." + f.name());
        }
        List<io.delta.kernel.types.StructField> fields = s.fields();
        for (int i = 0; i < fields.size(); i++) {
            if (struct.child(i).size() == row) {
                if (!fields.get(i).isNullable()) {
                    throw new DecodeException("'" + path + "." + fields.get(i).getName() + "' is NOT NULL but missing");
                }
                struct.child(i).appendNull();
            }
        }
        struct.end();
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
