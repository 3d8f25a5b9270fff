package io.deltabridge.core.vector;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.List;

/** STRUCT values: one child builder per field, all as long as the struct builder itself. */
final class StructColumnBuilder extends ColumnBuilder {
    private final ColumnBuilder[] children;
    private boolean open;

    StructColumnBuilder(StructType type, String path, boolean nullable) {
        super(type, path, nullable);
        List<StructField> fields = type.fields();
        children = new ColumnBuilder[fields.size()];
        for (int i = 0; i < children.length; i++) {
            StructField f = fields.get(i);
            children[i] = ColumnBuilders.create(f.getDataType(), path + "." + f.getName(), f.isNullable());
        }
    }

    @Override
    public ColumnBuilder child(int ordinal) {
        return children[ordinal];
    }

    @Override
    public int childCount() {
        return children.length;
    }

    @Override
    public void beginStruct() {
        if (open) {
            throw new IllegalStateException("beginStruct twice on '" + path() + "' without endStruct");
        }
        open = true;
    }

    @Override
    public void endStruct() {
        if (!open) {
            throw new IllegalStateException("endStruct on '" + path() + "' without beginStruct");
        }
        open = false;
        ColumnBuilders.completeRow(children, size);
        nextSlot();
    }

    @Override
    void onNull(int i) {
        for (ColumnBuilder c : children) {
            c.appendNullUnchecked();
        }
    }

    @Override
    void truncate(int newSize) {
        open = false;
        for (ColumnBuilder c : children) {
            c.truncate(newSize);
        }
        super.truncate(newSize);
    }

    @Override
    void resize(int newCapacity) {
        // values live in the children
    }

    @Override
    long byteSize() {
        long total = size;
        for (ColumnBuilder c : children) {
            total += c.byteSize();
        }
        return total;
    }

    @Override
    public ColumnVector vector() {
        ColumnVector[] members = new ColumnVector[children.length];
        for (int i = 0; i < members.length; i++) {
            members[i] = children[i].vector();
        }
        return new BuiltVector(type(), size, nulls) {
            @Override
            public ColumnVector getChild(int ordinal) {
                return members[ordinal];
            }
        };
    }
}
