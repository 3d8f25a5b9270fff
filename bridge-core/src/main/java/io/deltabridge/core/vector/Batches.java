package io.deltabridge.core.vector;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StructType;

/** Kernel batches assembled from existing vectors, without copying values. */
public final class Batches {
    private Batches() {}

    /** A batch of {@code size} rows over {@code vectors}, one per field of {@code schema}. */
    public static ColumnarBatch of(StructType schema, ColumnVector[] vectors, int size) {
        return new BuiltBatch(schema, vectors, size);
    }

    /** {@code size} nulls of {@code type}. */
    public static ColumnVector nulls(DataType type, int size) {
        return new NullVector(type, size);
    }

    /** A batch with the columns of {@code schema} and no rows. */
    public static ColumnarBatch empty(StructType schema) {
        ColumnVector[] vectors = new ColumnVector[schema.length()];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = nulls(schema.at(i).getDataType(), 0);
        }
        return of(schema, vectors, 0);
    }
}
