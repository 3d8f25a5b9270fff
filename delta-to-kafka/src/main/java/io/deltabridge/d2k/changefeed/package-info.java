/**
 * The Change Data Feed of a Delta table read with Delta Kernel, without Spark.
 *
 * <p>{@link io.deltabridge.d2k.changefeed.ChangeFeed} is the entry point; it streams
 * {@link io.deltabridge.d2k.changefeed.ChangeBatch}es that carry the table's columns, the
 * {@link io.deltabridge.d2k.changefeed.ChangeType} of each row and its ordinal within its version.
 * The rows, change types, versions and commit timestamps are those of Spark's
 * {@code readChangeFeed} (Delta's {@code CDCReader.changesToDF}); each row has the schema of its
 * own version.
 *
 * <p>How a version is read: {@code VersionPlanner} decides from the commit's actions which files
 * hold its changes, {@code FileChangeReader} streams each file through Kernel's Parquet reader and
 * {@code Scan.transformPhysicalData}, {@code ChangeFeedIterator} walks the commits. Every use of
 * Kernel's internal classes is in {@code KernelInternals}.
 */
package io.deltabridge.d2k.changefeed;
