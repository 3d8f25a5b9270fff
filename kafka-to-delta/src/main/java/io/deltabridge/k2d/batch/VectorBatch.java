package io.deltabridge.k2d.batch;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A Kernel batch over given vectors; Kernel removes partition columns from it before writing. */
final class VectorBatch implements ColumnarBatch {
    private final StructType schema;
    private final ColumnVector[] vectors;
    private final int size;

    VectorBatch(StructType schema, ColumnVector[] vectors, int size) {
        this.schema = schema;
        this.vectors = vectors;
        this.size = size;
    }

    @Override public StructType getSchema() { return schema; }
    @Override public ColumnVector getColumnVector(int ordinal) { return vectors[ordinal]; }
    @Override public int getSize() { return size; }

    @Override
    public ColumnarBatch withDeletedColumnAt(int ordinal) {
        List<StructField> fields = new ArrayList<>(schema.fields());
        fields.remove(ordinal);
        List<ColumnVector> rest = new ArrayList<>(Arrays.asList(vectors));
        rest.remove(ordinal);
        return new VectorBatch(new StructType(fields), rest.toArray(ColumnVector[]::new), size);
    }

    @Override
    public ColumnarBatch withNewColumn(int ordinal, StructField field, ColumnVector vector) {
        List<StructField> fields = new ArrayList<>(schema.fields());
        fields.add(ordinal, field);
        List<ColumnVector> all = new ArrayList<>(Arrays.asList(vectors));
        all.add(ordinal, vector);
        return new VectorBatch(new StructType(fields), all.toArray(ColumnVector[]::new), size);
    }

    @Override
    public ColumnarBatch withNewSchema(StructType newSchema) {
        return new VectorBatch(newSchema, vectors, size);
    }
}
