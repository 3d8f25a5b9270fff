package io.deltabridge.embedded;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import java.math.BigDecimal;

/**
 * Kernel {@link ColumnVector}s over plain Java arrays (no nulls except in string columns), so batches
 * are built column by column: Kernel's row-based batch helper mishandles timestamps.
 */
final class ArrayVectors {
    private ArrayVectors() {}

    /** BIGINT or TIMESTAMP (microseconds) values. */
    static ColumnVector longs(DataType type, long[] values, int size) {
        return new Base(type, size) {
            @Override
            public long getLong(int row) {
                return values[row];
            }
        };
    }

    static ColumnVector ints(int[] values, int size) {
        return new Base(IntegerType.INTEGER, size) {
            @Override
            public int getInt(int row) {
                return values[row];
            }
        };
    }

    static ColumnVector doubles(double[] values, int offset, int size) {
        return new Base(DoubleType.DOUBLE, size) {
            @Override
            public double getDouble(int row) {
                return values[offset + row];
            }
        };
    }

    static ColumnVector booleans(boolean[] values, int size) {
        return new Base(BooleanType.BOOLEAN, size) {
            @Override
            public boolean getBoolean(int row) {
                return values[row];
            }
        };
    }

    /** Strings; a null element is a null value. */
    static ColumnVector strings(String[] values, int size) {
        return new Base(StringType.STRING, size) {
            @Override
            public boolean isNullAt(int row) {
                return values[row] == null;
            }

            @Override
            public String getString(int row) {
                return values[row];
            }
        };
    }

    static ColumnVector constantString(String value, int size) {
        return new Base(StringType.STRING, size) {
            @Override
            public String getString(int row) {
                return value;
            }
        };
    }

    /** DECIMAL values given unscaled at the type's scale. */
    static ColumnVector decimals(DecimalType type, long[] unscaled, int size) {
        return new Base(type, size) {
            @Override
            public BigDecimal getDecimal(int row) {
                return BigDecimal.valueOf(unscaled[row], type.getScale());
            }
        };
    }

    /** ARRAY&lt;DOUBLE&gt; with {@code width} elements per row, stored row after row in {@code flat}. */
    static ColumnVector doubleArrays(ArrayType type, double[] flat, int width, int size) {
        return new Base(type, size) {
            @Override
            public ArrayValue getArray(int row) {
                ColumnVector elements = doubles(flat, row * width, width);
                return new ArrayValue() {
                    @Override
                    public int getSize() {
                        return width;
                    }

                    @Override
                    public ColumnVector getElements() {
                        return elements;
                    }
                };
            }
        };
    }

    /** MAP&lt;STRING,STRING&gt; with the same keys in every row; {@code values[k][row]} belongs to {@code keys[k]}. */
    static ColumnVector stringMaps(MapType type, String[] keys, String[][] values, int size) {
        ColumnVector keyVector = strings(keys, keys.length);
        return new Base(type, size) {
            @Override
            public MapValue getMap(int row) {
                String[] rowValues = new String[keys.length];
                for (int k = 0; k < keys.length; k++) {
                    rowValues[k] = values[k][row];
                }
                ColumnVector valueVector = strings(rowValues, keys.length);
                return new MapValue() {
                    @Override
                    public int getSize() {
                        return keys.length;
                    }

                    @Override
                    public ColumnVector getKeys() {
                        return keyVector;
                    }

                    @Override
                    public ColumnVector getValues() {
                        return valueVector;
                    }
                };
            }
        };
    }

    private abstract static class Base implements ColumnVector {
        private final DataType type;
        private final int size;

        Base(DataType type, int size) {
            this.type = type;
            this.size = size;
        }

        @Override
        public DataType getDataType() {
            return type;
        }

        @Override
        public int getSize() {
            return size;
        }

        @Override
        public boolean isNullAt(int row) {
            return false;
        }

        @Override
        public void close() {
            // plain arrays: nothing to release
        }
    }
}
