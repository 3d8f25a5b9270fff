package io.deltabridge.core.vector;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A fixed set of vectors; the column edits Kernel's write path uses return new batches. */
final class BuiltBatch implements ColumnarBatch {
    private final StructType schema;
    private final ColumnVector[] vectors;
    private final int size;

    BuiltBatch(StructType schema, ColumnVector[] vectors, int size) {
        this.schema = schema;
        this.vectors = vectors;
        this.size = size;
    }

    @Override
    public StructType getSchema() {
        return schema;
    }

    @Override
    public ColumnVector getColumnVector(int ordinal) {
        return vectors[ordinal];
    }

    @Override
    public int getSize() {
        return size;
    }

    @Override
    public ColumnarBatch withNewColumn(int ordinal, StructField field, ColumnVector vector) {
        List<StructField> fields = new ArrayList<>(schema.fields());
        fields.add(ordinal, field);
        List<ColumnVector> vs = new ArrayList<>(Arrays.asList(vectors));
        vs.add(ordinal, vector);
        return new BuiltBatch(new StructType(fields), vs.toArray(ColumnVector[]::new), size);
    }

    @Override
    public ColumnarBatch withDeletedColumnAt(int ordinal) {
        List<StructField> fields = new ArrayList<>(schema.fields());
        fields.remove(ordinal);
        List<ColumnVector> vs = new ArrayList<>(Arrays.asList(vectors));
        vs.remove(ordinal);
        return new BuiltBatch(new StructType(fields), vs.toArray(ColumnVector[]::new), size);
    }

    @Override
    public ColumnarBatch withNewSchema(StructType newSchema) {
        if (newSchema.length() != vectors.length) {
            throw new IllegalArgumentException(
                    "schema has " + newSchema.length() + " columns, batch has " + vectors.length);
        }
        return new BuiltBatch(newSchema, vectors, size);
    }
}
