package io.deltabridge.core.pipeline;

import java.time.Duration;
import java.util.List;

/**
 * What one {@link Bridge#runOnce()} did: a {@link RunSummary} per mapping, in file order.
 *
 * <pre>{@code
 * RunSummaries done = bridge.runOnce();
 * System.out.println(done.records() + " records in " + done.elapsed().toMillis() + " ms");
 * }</pre>
 *
 * @param summaries one per mapping that ran
 * @param elapsed   wall time of the whole run (the mappings run in parallel)
 */
public record RunSummaries(List<RunSummary> summaries, Duration elapsed) {
    public RunSummaries {
        summaries = List.copyOf(summaries);
    }

    /** Versions published plus Delta commits made, over all mappings. */
    public long units() {
        return summaries.stream().mapToLong(RunSummary::units).sum();
    }

    /** Events published plus records written, over all mappings. */
    public long records() {
        return summaries.stream().mapToLong(RunSummary::records).sum();
    }

    /** Records skipped or dead-lettered, over all mappings. */
    public long skipped() {
        return summaries.stream().mapToLong(RunSummary::skipped).sum();
    }
}
