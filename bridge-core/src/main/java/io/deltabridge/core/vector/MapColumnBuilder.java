package io.deltabridge.core.vector;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.MapType;

/** MAP values: ranges of a key builder and a value builder filled pairwise. */
final class MapColumnBuilder extends CollectionColumnBuilder {
    private final ColumnBuilder keys;
    private final ColumnBuilder values;

    MapColumnBuilder(MapType type, String path, boolean nullable) {
        this(
                type,
                path,
                nullable,
                ColumnBuilders.create(type.getKeyType(), path + "{key}", false),
                ColumnBuilders.create(type.getValueType(), path + "{value}", type.isValueContainsNull()));
    }

    private MapColumnBuilder(MapType type, String path, boolean nullable, ColumnBuilder keys, ColumnBuilder values) {
        super(type, path, nullable, "Map", keys, values);
        this.keys = keys;
        this.values = values;
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
        begin();
    }

    @Override
    public void endMap() {
        end();
    }

    @Override
    void checkEntries() {
        if (keys.size != values.size) {
            throw new IllegalStateException(
                    "map '" + path() + "' got " + keys.size + " keys but " + values.size + " values");
        }
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
                ColumnVector ks = SliceVector.of(k, start, n);
                ColumnVector vs = SliceVector.of(v, start, n);
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
