package io.deltabridge.core.pipeline;

import java.util.List;

/**
 * What {@code bridge validate} found for one mapping: the checks made and the plan.
 *
 * @param mapping the mapping name
 * @param lines   human-readable lines, e.g. "table file:/lake/t: version 12, CDF readable from 0"
 */
public record Plan(String mapping, List<String> lines) {
    public Plan {
        lines = List.copyOf(lines);
    }
}
