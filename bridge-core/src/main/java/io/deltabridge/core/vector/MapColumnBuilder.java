package io.deltabridge.core.vector;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.MapType;
import java.util.Arrays;

/** MAP values: offsets into a key builder and a value builder filled pairwise. */
final class MapColumnBuilder extends ColumnBuilder {
    private final ColumnBuilder keys;
    private final ColumnBuilder values;
    private int[] offsets = new int[1];
    private boolean open;

    MapColumnBuilder(MapType type, String path, boolean nullable) {
        super(type, path, nullable);
        this.keys = ColumnBuilders.create(type.getKeyType(), path + "{key}", false);
        this.values = ColumnBuilders.create(type.getValueType(), path + "{value}", type.isValueContainsNull());
    }

    @Override
    public ColumnBuilder keys() {
        return keys;
    }

    @Override
    public ColumnBuilder values() {
        return values;
    }

    @Override
    public void beginMap() {
        if (open) {
            throw new IllegalStateException("beginMap twice on '" + path() + "' without endMap");
        }
        open = true;
    }

    @Override
    public void endMap() {
        if (!open) {
            throw new IllegalStateException("endMap on '" + path() + "' without beginMap");
        }
        if (keys.size != values.size) {
            throw new IllegalStateException("map '" + path() + "' got " + keys.size + " keys but " + values.size + " values");
        }
        open = false;
        int i = nextSlot();
        offsets[i + 1] = keys.size;
    }

    @Override
    void onNull(int i) {
        offsets[i + 1] = offsets[i];
    }

    @Override
    void truncate(int newSize) {
        open = false;
        keys.truncate(offsets[newSize]);
        values.truncate(offsets[newSize]);
        super.truncate(newSize);
    }

    @Override
    void resize(int newCapacity) {
        offsets = Arrays.copyOf(offsets, newCapacity + 1);
    }

    @Override
    long byteSize() {
        return 4L * size + keys.byteSize() + values.byteSize();
    }

    @Override
    public ColumnVector vector() {
        int[] o = offsets;
        ColumnVector k = keys.vector();
        ColumnVector v = values.vector();
        return new BuiltVector(type(), size, nulls) {
            @Override
            public MapValue getMap(int rowId) {
                if (isNullAt(rowId)) {
                    return null;
                }
                int start = o[rowId];
                int n = o[rowId + 1] - start;
                ColumnVector ks = new SliceVector(k, start, n);
                ColumnVector vs = new SliceVector(v, start, n);
                return new MapValue() {
                    @Override
                    public int getSize() {
                        return n;
                    }

                    @Override
                    public ColumnVector getKeys() {
                        return ks;
                    }

                    @Override
                    public ColumnVector getValues() {
                        return vs;
                    }
                };
            }
        };
    }
}
