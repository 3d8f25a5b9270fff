package io.deltabridge.core.metrics;

/**
 * Every meter a mapping records, tagged {@code bridge} (the file's {@code name}) and {@code mapping}
 * (never with settings, which may hold secrets). The catalogue docs/metrics.md is rendered from
 * this list (MetricsReferenceTest), so a meter added here is documented there.
 */
public enum BridgeMeter {
    RECORDS_IN(
            "deltabridge.records.in",
            Type.COUNTER,
            Direction.KAFKA_TO_DELTA,
            "Records consumed from Kafka, the dead-lettered and skipped ones included."),
    BYTES_IN(
            "deltabridge.bytes.in",
            Type.COUNTER,
            Direction.KAFKA_TO_DELTA,
            "Key and value bytes of the records consumed."),
    RECORDS_OUT(
            "deltabridge.records.out",
            Type.COUNTER,
            Direction.BOTH,
            "delta → kafka: events committed to the topic; kafka → delta: rows committed to the table."),
    BYTES_OUT(
            "deltabridge.bytes.out",
            Type.COUNTER,
            Direction.BOTH,
            "delta → kafka: key and value bytes of the events sent; kafka → delta: bytes of the data files committed."),
    FILES_WRITTEN(
            "deltabridge.files.written", Type.COUNTER, Direction.KAFKA_TO_DELTA, "Data files committed to the table."),
    VERSIONS_PUBLISHED(
            "deltabridge.versions.published",
            Type.COUNTER,
            Direction.DELTA_TO_KAFKA,
            "Table versions whose events were committed to the topic."),
    COMMITS(
            "deltabridge.commits",
            Type.COUNTER,
            Direction.BOTH,
            "delta → kafka: Kafka transactions committed; kafka → delta: Delta commits."),
    COMMIT_LATENCY(
            "deltabridge.commit.latency",
            Type.TIMER,
            Direction.BOTH,
            "delta → kafka: committing a Kafka transaction (with its progress record); kafka → delta: the Delta commit of a batch. With a histogram."),
    FLUSH_LATENCY(
            "deltabridge.flush.latency",
            Type.TIMER,
            Direction.KAFKA_TO_DELTA,
            "Writing a batch's data files, before its commit. With a histogram."),
    END_TO_END_LATENCY(
            "deltabridge.end.to.end.latency",
            Type.TIMER,
            Direction.BOTH,
            "The lag in time. delta → kafka: from a table version's commit to its events committed in Kafka; "
                    + "kafka → delta: from the oldest record's timestamp in a batch to the batch's Delta commit. With a histogram."),
    VERSION_CURRENT(
            "deltabridge.version.current",
            Type.GAUGE,
            Direction.DELTA_TO_KAFKA,
            "The last table version published (-1 before the first)."),
    VERSION_LATEST(
            "deltabridge.version.latest",
            Type.GAUGE,
            Direction.DELTA_TO_KAFKA,
            "The latest table version seen (-1 before the first look)."),
    LAG_VERSIONS("deltabridge.lag.versions", Type.GAUGE, Direction.DELTA_TO_KAFKA, "Table versions not yet published."),
    LAG_RECORDS(
            "deltabridge.lag.records",
            Type.GAUGE,
            Direction.KAFKA_TO_DELTA,
            "Records in the topics not yet committed to the table, all partitions (per partition: the consumer's kafka_consumer_fetch_manager_records_lag)."),
    DEAD_LETTERS(
            "deltabridge.dead.letters",
            Type.COUNTER,
            Direction.KAFKA_TO_DELTA,
            "Records sent to the dead-letter topic; tag `error`: the class of the error (e.g. DataException)."),
    SKIPPED_LOOP_GUARD(
            "deltabridge.records.skipped.loop.guard",
            Type.COUNTER,
            Direction.KAFKA_TO_DELTA,
            "Records skipped because this bridge published them from this table (the loop guard)."),
    OFFSETS_SKIPPED_GAP(
            "deltabridge.offsets.skipped.gap",
            Type.COUNTER,
            Direction.KAFKA_TO_DELTA,
            "Offsets passed over with `on-offset-gap: skip` (they had left the log)."),
    CONFLICTS(
            "deltabridge.conflicts",
            Type.COUNTER,
            Direction.KAFKA_TO_DELTA,
            "Batches discarded because another writer committed the same partitions' offsets first (re-read, not lost)."),
    RETRIES(
            "deltabridge.retries",
            Type.COUNTER,
            Direction.BOTH,
            "Runs started over after a transient failure (a broker or the storage unreachable).");

    /** How a meter counts. */
    public enum Type {
        COUNTER,
        GAUGE,
        TIMER
    }

    /** Which mappings record a meter. */
    public enum Direction {
        DELTA_TO_KAFKA("delta → kafka"),
        KAFKA_TO_DELTA("kafka → delta"),
        BOTH("both");

        private final String text;

        Direction(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private final String meterName;
    private final Type type;
    private final Direction direction;
    private final String description;

    BridgeMeter(String meterName, Type type, Direction direction, String description) {
        this.meterName = meterName;
        this.type = type;
        this.direction = direction;
        this.description = description;
    }

    /** The Micrometer name (dotted); registries render it their way, e.g. Prometheus {@code deltabridge_records_in_total}. */
    public String meterName() {
        return meterName;
    }

    public Type type() {
        return type;
    }

    public Direction direction() {
        return direction;
    }

    public String description() {
        return description;
    }
}
