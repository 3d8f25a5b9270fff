package io.deltabridge.k2d.delta;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch of the table's columns under the table's own schema: the upsert batch is built with
 * every column nullable (a delete sets only the key), and Kernel writes only data of the table's
 * exact schema. Its upserted rows were checked to hold the NOT NULL columns.
 */
final class AsTableSchema implements ColumnarBatch {
    private final ColumnarBatch rows;
    private final StructType schema;

    AsTableSchema(ColumnarBatch rows, StructType schema) {
        this.rows = rows;
        this.schema = schema;
    }

    @Override
    public StructType getSchema() {
        return schema;
    }

    @Override
    public ColumnVector getColumnVector(int ordinal) {
        return rows.getColumnVector(ordinal);
    }

    @Override
    public int getSize() {
        return rows.getSize();
    }

    /** What Kernel does with the partition columns of a partitioned table's rows before writing them. */
    @Override
    public ColumnarBatch withDeletedColumnAt(int ordinal) {
        List<StructField> fields = new ArrayList<>(schema.fields());
        fields.remove(ordinal);
        return new AsTableSchema(rows.withDeletedColumnAt(ordinal), new StructType(fields));
    }
}
