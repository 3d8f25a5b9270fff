package io.deltabridge.core.vector;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.ArrayType;

/** ARRAY values: ranges of one child builder holding every element. */
final class ArrayColumnBuilder extends CollectionColumnBuilder {
    private final ColumnBuilder elements;

    ArrayColumnBuilder(ArrayType type, String path, boolean nullable) {
        this(type, path, nullable, ColumnBuilders.create(type.getElementType(), path + "[]", type.containsNull()));
    }

    private ArrayColumnBuilder(ArrayType type, String path, boolean nullable, ColumnBuilder elements) {
        super(type, path, nullable, "Array", elements);
        this.elements = elements;
    }

    @Override
    public ColumnBuilder elements() {
        return elements;
    }

    @Override
    public void beginArray() {
        begin();
    }

    @Override
    public void endArray() {
        end();
    }

    @Override
    public ColumnVector vector() {
        int[] o = offsets;
        ColumnVector values = elements.vector();
        return new BuiltVector(type(), size, nulls) {
            @Override
            public ArrayValue getArray(int rowId) {
                if (isNullAt(rowId)) {
                    return null;
                }
                int start = o[rowId];
                int n = o[rowId + 1] - start;
                ColumnVector slice = SliceVector.of(values, start, n);
                return new ArrayValue() {
                    @Override
                    public int getSize() {
                        return n;
                    }

                    @Override
                    public ColumnVector getElements() {
                        return slice;
                    }
                };
            }
        };
    }
}
