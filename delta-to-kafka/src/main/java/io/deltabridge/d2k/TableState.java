package io.deltabridge.d2k;

import io.delta.kernel.types.StructType;

/**
 * A table version as the publisher needs it.
 *
 * @param tableId         the Delta table id (metadata id)
 * @param commitTimestamp epoch milliseconds
 * @param cdfEnabled      whether {@code delta.enableChangeDataFeed} is on at this version
 */
public record TableState(long version, String tableId, long commitTimestamp, StructType schema, boolean cdfEnabled) {}
