package io.deltabridge.d2k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deltabridge.core.config.ChangeKind;
import io.deltabridge.embedded.InsightsTable;
import io.deltabridge.testkit.ConsumedRecord;
import io.deltabridge.testkit.KafkaCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many small versions (a backfill of small commits) share Kafka transactions, each with one progress
 * record naming the last version in it, within the record limit, and exactly once across crashes.
 * Transactions are counted on the broker: in a one-partition topic each commit marker takes an offset,
 * so the records of one transaction are a run of consecutive offsets.
 */
class SmallVersionsIT extends DeltaToKafkaITSupport {
    private static final int VERSIONS = 60;
    private static final int ROWS_PER_VERSION = 10;
    private static final int EVENTS = (VERSIONS - 1) * ROWS_PER_VERSION;

    private static Path table;

    /** Version 0 creates the table, versions 1 .. 59 insert 10 rows each. */
    @BeforeAll
    static void smallVersions() {
        InsightsTable t = InsightsTable.create(tmp.resolve("small-versions"), ROWS_PER_VERSION);
        for (int v = 2; v < VERSIONS; v++) {
            t.insert((long) (v - 1) * ROWS_PER_VERSION, ROWS_PER_VERSION);
        }
        assertEquals(VERSIONS - 1, t.latestVersion());
        table = t.path();
    }

    @Test
    void smallVersionsShareTransactionsWhoseProgressNamesTheirLastVersion() {
        String topic = kafka.createUniqueTopic("small", 1);
        String progressTopic = KafkaCluster.uniqueName("_progress_small");
        try (DeltaToKafkaPipeline p =
                builder(topic).progressTopic(progressTopic).build()) {
            assertEquals(EVENTS, p.runOnce().records());
        }
        List<List<ConsumedRecord>> transactions = transactions(readAll(topic, EVENTS));
        assertTrue(
                transactions.size() <= (VERSIONS - 1) / 2,
                (VERSIONS - 1) + " versions in " + transactions.size() + " transactions");

        List<ConsumedRecord> progress = kafka.readAll(progressTopic, TIMEOUT);
        assertEquals(transactions.size(), progress.size(), "one progress record per transaction");
        for (int i = 0; i < transactions.size(); i++) {
            Progress stored = Progress.fromJson(progress.get(i).value(), progressTopic);
            assertTrue(stored.complete(), stored.toString());
            assertEquals(lastVersion(transactions.get(i)), stored.version(), "the last version of transaction " + i);
        }
        assertEquals(
                VERSIONS - 1,
                Progress.fromJson(progress.get(progress.size() - 1).value(), progressTopic)
                        .version());
    }

    @Test
    void aTransactionNeverHoldsMoreThanTheRecordLimit() {
        int limit = 25;
        String topic = kafka.createUniqueTopic("small-limit", 1);
        try (DeltaToKafkaPipeline p =
                builder(topic).maxRecordsPerTransaction(limit).build()) {
            p.runOnce();
        }
        List<List<ConsumedRecord>> transactions = transactions(readAll(topic, EVENTS));
        for (List<ConsumedRecord> transaction : transactions) {
            assertTrue(transaction.size() <= limit, transaction.size() + " records in one transaction");
        }
        assertTrue(transactions.size() < VERSIONS - 1, "versions grouped: " + transactions.size() + " transactions");
        assertEquals(EVENTS, ids(readAll(topic, EVENTS)).size(), "every change once");
    }

    @Test
    void aCrashInsideAGroupOfVersionsRepublishesNothingAndLosesNothing() {
        String topic = kafka.createUniqueTopic("small-crash", 1);
        // groups of 5 versions (50 events); crash after 35, 70, 105, ... sends: inside a group every time
        int crashes = CrashingClients.runUntilDone(
                run -> 35 * (run + 1),
                clients -> builder(topic)
                        .mappingName("small-crash")
                        .kafkaClients(clients)
                        .maxRecordsPerTransaction(50)
                        .build());
        assertTrue(crashes >= 3, "crashed " + crashes + " times");
        List<ConsumedRecord> records = readAll(topic, EVENTS);
        assertEquals(EVENTS, records.size());
        assertEquals(EVENTS, ids(records).size(), "every change exactly once");
    }

    private static DeltaToKafka.Builder builder(String topic) {
        return DeltaToKafka.builder()
                .bridgeName("it")
                .mappingName(topic)
                .table(table.toString())
                .topic(topic)
                .key("id")
                .changes(ChangeKind.INSERT, ChangeKind.UPDATE, ChangeKind.DELETE)
                .kafka(settings())
                .progressTopic("_progress_it");
    }

    /** The records of a one-partition topic, one list per transaction: a commit marker takes an offset. */
    private static List<List<ConsumedRecord>> transactions(List<ConsumedRecord> records) {
        List<List<ConsumedRecord>> transactions = new ArrayList<>();
        long next = -1;
        for (ConsumedRecord r : records) {
            if (r.offset() != next) {
                transactions.add(new ArrayList<>());
            }
            transactions.get(transactions.size() - 1).add(r);
            next = r.offset() + 1;
        }
        return transactions;
    }

    private static long lastVersion(List<ConsumedRecord> transaction) {
        return Long.parseLong(transaction.get(transaction.size() - 1).headerString("deltabridge.version"));
    }
}
