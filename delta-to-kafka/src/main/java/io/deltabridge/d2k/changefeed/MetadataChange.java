package io.deltabridge.d2k.changefeed;

import io.delta.kernel.types.StructType;

/** A metaData action of the log: the version that committed it, whether it leaves the change data feed on, its schema. */
record MetadataChange(long version, boolean changeDataFeedEnabled, StructType schema) {}
