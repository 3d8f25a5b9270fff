package io.deltabridge.core.vector;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.ArrayType;
import java.util.Arrays;

/** ARRAY values: offsets into one child builder holding every element. */
final class ArrayColumnBuilder extends ColumnBuilder {
    private final ColumnBuilder elements;
    private int[] offsets = new int[1];
    private boolean open;

    ArrayColumnBuilder(ArrayType type, String path, boolean nullable) {
        super(type, path, nullable);
        this.elements = ColumnBuilders.create(type.getElementType(), path + "[]", type.containsNull());
    }

    @Override
    public ColumnBuilder elements() {
        return elements;
    }

    @Override
    public void beginArray() {
        if (open) {
            throw new IllegalStateException("beginArray twice on '" + path() + "' without endArray");
        }
        open = true;
    }

    @Override
    public void endArray() {
        if (!open) {
            throw new IllegalStateException("endArray on '" + path() + "' without beginArray");
        }
        open = false;
        int i = nextSlot();
        offsets[i + 1] = elements.size;
    }

    @Override
    void onNull(int i) {
        offsets[i + 1] = offsets[i];
    }

    @Override
    void truncate(int newSize) {
        open = false;
        elements.truncate(offsets[newSize]);
        super.truncate(newSize);
    }

    @Override
    void resize(int newCapacity) {
        offsets = Arrays.copyOf(offsets, newCapacity + 1);
    }

    @Override
    long byteSize() {
        return 4L * size + elements.byteSize();
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
                ColumnVector slice = new SliceVector(values, start, n);
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
