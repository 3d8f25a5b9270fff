package io.deltabridge.d2k;

import io.deltabridge.core.vector.Batches;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;

/**
 * Presents batches of an older table version in the schema of the latest version read, the way
 * Spark's change feed reads a range with its end schema: columns added since are null.
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
            StructField field = target.at(i);
            int from = schema.indexOf(field.getName());
            vectors[i] = from >= 0 ? data.getColumnVector(from) : Batches.nulls(field.getDataType(), data.getSize());
        }
        return Batches.of(target, vectors, data.getSize());
    }
}
