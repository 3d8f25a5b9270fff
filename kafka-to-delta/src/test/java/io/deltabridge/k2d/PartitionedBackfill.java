package io.deltabridge.k2d;

import io.deltabridge.core.pipeline.RunSummary;
import java.util.Map;

/**
 * A {@code --once} backfill of a partitioned table, as its own program so that a test can run it
 * in a child JVM with a small heap: {@code PartitionedBackfill <bootstrap> <topic> <table>}.
 * Prints the run summary; an OutOfMemoryError ends the JVM with a non-zero exit code.
 */
public final class PartitionedBackfill {
    static final String DDL = "id BIGINT NOT NULL, part STRING, payload STRING";

    private PartitionedBackfill() {}

    public static void main(String[] args) {
        try (KafkaToDeltaPipeline p = KafkaToDelta.builder()
                .bridgeName("it")
                .name("backfill")
                .kafka(Map.of("bootstrap.servers", args[0]))
                .topics(args[1])
                .table(args[2])
                .create(true)
                .schema(DDL)
                .partitionBy("part")
                .build()) {
            RunSummary s = p.runOnce();
            System.out.println("backfill done: " + s.records() + " records in " + s.units() + " commits");
        }
    }
}
