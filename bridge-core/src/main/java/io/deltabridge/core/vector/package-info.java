/**
 * Writable, reusable columnar batches: {@link io.deltabridge.core.vector.BatchBuilder} turns
 * appended values into Delta Kernel {@code ColumnarBatch}es that Kernel's Parquet writer accepts,
 * for every Delta type, with row-level rollback for records that fail half-way.
 */
package io.deltabridge.core.vector;
