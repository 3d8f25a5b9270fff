/** Table schemas as text: {@link io.deltabridge.core.schema.DdlParser} (Spark-style DDL → Kernel StructType) and {@link io.deltabridge.core.schema.DdlPrinter} (back). */
package io.deltabridge.core.schema;
