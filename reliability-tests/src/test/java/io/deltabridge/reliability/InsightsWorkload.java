package io.deltabridge.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.deltabridge.embedded.IdFilter;
import io.deltabridge.embedded.InsightsTable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

/**
 * Random commits on an {@link InsightsTable} (inserts of new ids, updates and deletes of id ranges,
 * chosen by the loop's seeded {@link Random}), recorded in {@link ExpectedChanges} as they are made.
 */
final class InsightsWorkload {
    private static final int FIRST_ROWS = 2_000;

    private final InsightsTable table;
    private final Random random;
    private final ExpectedChanges expected = new ExpectedChanges();
    private long nextId;
    private int commits;

    private InsightsWorkload(InsightsTable table, Random random) {
        this.table = table;
        this.random = random;
    }

    /** Creates the table: version 0 (no rows), version 1 (ids 0 .. 1999). */
    static InsightsWorkload create(Path dir, Random random) {
        InsightsWorkload w = new InsightsWorkload(InsightsTable.create(dir, FIRST_ROWS), random);
        w.expected.inserted(1, 0, FIRST_ROWS);
        w.nextId = FIRST_ROWS;
        w.commits = 1;
        return w;
    }

    Path path() {
        return table.path();
    }

    ExpectedChanges expected() {
        return expected;
    }

    int commits() {
        return commits;
    }

    /** One more commit: half inserts of 300–3,000 rows, the rest updates (≤ 800 ids) and deletes (≤ 200 ids). */
    void commitSomething() {
        int kind = random.nextInt(10);
        if (kind < 5) {
            long count = 300 + random.nextInt(2_700);
            InsightsTable.Commit c = table.insert(nextId, count);
            expected.inserted(c.version(), nextId, count);
            nextId += count;
            commits++;
            return;
        }
        boolean update = kind < 8;
        long from = (long) (random.nextDouble() * nextId);
        long to = from + 1 + random.nextInt(update ? 800 : 200);
        if (expected.liveIn(from, to) == 0) {
            return; // nothing would match: the table writes no commit
        }
        InsightsTable.Commit c = update
                ? table.updateWhere(IdFilter.range(from, to), Instant.now())
                : table.deleteWhere(IdFilter.range(from, to));
        long modelled = update ? expected.updated(c.version(), from, to) : expected.deleted(c.version(), from, to);
        assertEquals(modelled, c.rows(), "rows touched by version " + c.version());
        commits++;
    }
}
