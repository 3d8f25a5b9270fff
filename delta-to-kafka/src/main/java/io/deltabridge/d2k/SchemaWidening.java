package io.deltabridge.d2k;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.deltabridge.core.vector.Batches;

/**
 * Presents batches of an older table version in the schema of the latest version read, the way
 * Spark's change feed reads a range with its end schema: columns and nested fields (in structs,
 * array elements, map keys and values) added since are null. Other differences (renamed, dropped
 * or retyped columns) never get here: {@code ChangeFeed.requireReadableInSchemaOf} refuses such ranges first, as Spark does.
 */
final class SchemaWidening {
    private SchemaWidening() {}

    /** {@code data} (of {@code schema}) seen through {@code target}; {@code data} itself when they are equal. */
    static ColumnarBatch widen(ColumnarBatch data, StructType schema, StructType target) {
        if (schema.equals(target)) {
            return data;
        }
        ColumnVector[] vectors = new ColumnVector[target.length()];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = field(i, schema, target, data::getColumnVector, data.getSize());
        }
        return Batches.of(target, vectors, data.getSize());
    }

    /** The {@code i}-th field of {@code target}, from the field of the same name in {@code schema} or all null. */
    private static ColumnVector field(
            int i,
            StructType schema,
            StructType target,
            java.util.function.IntFunction<ColumnVector> fields,
            int size) {
        StructField field = target.at(i);
        int from = schema.indexOf(field.getName());
        return from >= 0
                ? widen(fields.apply(from), schema.at(from).getDataType(), field.getDataType())
                : Batches.nulls(field.getDataType(), size);
    }

    private static ColumnVector widen(ColumnVector v, DataType type, DataType target) {
        if (type.equals(target)) {
            return v;
        }
        if (type instanceof StructType s && target instanceof StructType t) {
            return new View(v, t) {
                @Override
                public ColumnVector getChild(int ordinal) {
                    return field(ordinal, s, t, v::getChild, v.getSize());
                }
            };
        }
        if (type instanceof ArrayType a && target instanceof ArrayType t) {
            return new View(v, t) {
                @Override
                public ArrayValue getArray(int rowId) {
                    ArrayValue array = v.getArray(rowId);
                    ColumnVector elements = widen(array.getElements(), a.getElementType(), t.getElementType());
                    return new ArrayValue() {
                        @Override
                        public int getSize() {
                            return array.getSize();
                        }

                        @Override
                        public ColumnVector getElements() {
                            return elements;
                        }
                    };
                }
            };
        }
        if (type instanceof MapType m && target instanceof MapType t) {
            return new View(v, t) {
                @Override
                public MapValue getMap(int rowId) {
                    MapValue map = v.getMap(rowId);
                    ColumnVector keys = widen(map.getKeys(), m.getKeyType(), t.getKeyType());
                    ColumnVector values = widen(map.getValues(), m.getValueType(), t.getValueType());
                    return new MapValue() {
                        @Override
                        public int getSize() {
                            return map.getSize();
                        }

                        @Override
                        public ColumnVector getKeys() {
                            return keys;
                        }

                        @Override
                        public ColumnVector getValues() {
                            return values;
                        }
                    };
                }
            };
        }
        return v; // the same type but for nullability or field metadata
    }

    /** A vector seen with another (wider) type: nulls from the original, the typed accessors overridden. */
    private abstract static class View implements ColumnVector {
        private final ColumnVector v;
        private final DataType type;

        View(ColumnVector v, DataType type) {
            this.v = v;
            this.type = type;
        }

        @Override
        public DataType getDataType() {
            return type;
        }

        @Override
        public int getSize() {
            return v.getSize();
        }

        @Override
        public boolean isNullAt(int rowId) {
            return v.isNullAt(rowId);
        }

        @Override
        public void close() {
            v.close();
        }
    }
}
