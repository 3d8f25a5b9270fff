package io.deltabridge.core.pipeline;

import java.time.Duration;

/**
 * What one run of a pipeline did.
 *
 * @param units    delta → kafka: versions published; kafka → delta: Delta commits made
 * @param records  events published or records written
 * @param bytes    payload bytes published or read
 * @param skipped  records skipped (loop guard) or dead-lettered
 */
public record RunSummary(String mapping, long units, long records, long bytes, long skipped, Duration elapsed) {}
