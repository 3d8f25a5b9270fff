package io.deltabridge.core.config;

import io.deltabridge.core.error.ConfigException;
import io.deltabridge.core.error.Problem;

/**
 * Where a configuration came from (a file, a map built in code), able to point at the line
 * and column of any key in it, so that checks made later (a key column missing from the
 * table, say) still report {@code bridge.yaml:14:10}.
 */
public interface ConfigSource {
    /** e.g. {@code /etc/bridge/bridge.yaml}, or {@code <map>} for a configuration built in code. */
    String name();

    /**
     * A human-readable location of a key, e.g. {@code bridge.yaml:14:10 (mappings[0].key)};
     * {@code path} uses dots and [index], as in {@code mappings[0].to.partition-by}.
     */
    String locate(String path);

    /** A configuration error located at {@code path}. */
    default ConfigException errorAt(String path, Problem problem) {
        return new Problem(locate(path) + ": " + problem.problem(), problem.reason(), problem.fix()).config();
    }
}
