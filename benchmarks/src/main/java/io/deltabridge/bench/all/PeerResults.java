package io.deltabridge.bench.all;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * peer-bench's results JSON ({@code {section: {key: value}}}, one {@code <step>_r<i>} section per repetition; see
 * peer-bench's README): the figures of every repetition of a step, so that {@link SideBySide} takes medians as it
 * does for the bridge (peer-bench itself reports the best repetition).
 */
final class PeerResults {
    private final JsonNode doc;

    private PeerResults(JsonNode doc) {
        this.doc = doc;
    }

    static PeerResults read(Path json) throws IOException {
        return new PeerResults(new ObjectMapper().readTree(json.toFile()));
    }

    /** {@code key} of each repetition of {@code step} that has it (e.g. {@code peerA}, {@code rows_per_s_query}). */
    double[] reps(String step, String key) {
        List<Double> values = new ArrayList<>();
        for (Map.Entry<String, JsonNode> section : doc.properties()) {
            if (section.getKey().matches(java.util.regex.Pattern.quote(step) + "_r\\d+")
                    && section.getValue().hasNonNull(key)) {
                values.add(section.getValue().get(key).asDouble());
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A single figure ({@code latency}, {@code lat_p99_ms}), NaN when peer-bench did not measure it. */
    double value(String section, String key) {
        JsonNode v = doc.path(section).path(key);
        return v.isMissingNode() || v.isNull() ? Double.NaN : v.asDouble();
    }

    String text(String section, String key) {
        return doc.path(section).path(key).asText("");
    }
}
