package io.deltabridge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deltabridge.core.pipeline.Bridge;
import io.deltabridge.core.pipeline.PipelineStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bridge status -c bridge.yaml [--json]}: per mapping position, latest, lag and last commit. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Per mapping: stored position, latest available, lag and last commit.")
final class StatusCommand implements Callable<Integer> {
    private static final String[] HEADER = {"MAPPING", "DIRECTION", "POSITION", "LATEST", "LAG", "LAST COMMIT"};

    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "Print JSON (one object per mapping in an array) instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<PipelineStatus> statuses;
        try (Bridge bridge = Bridge.fromConfig(config.load())) {
            statuses = bridge.status();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? json(statuses) : table(statuses));
        out.flush();
        return 0;
    }

    static String json(List<PipelineStatus> statuses) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode array = mapper.createArrayNode();
        for (PipelineStatus s : statuses) {
            ObjectNode node = array.addObject();
            node.put("mapping", s.mapping());
            node.put("direction", s.direction());
            ObjectNode position = node.putObject("position");
            new TreeMap<>(s.position()).forEach(position::put);
            ObjectNode latest = node.putObject("latest");
            new TreeMap<>(s.latest()).forEach(latest::put);
            node.put("lag", s.lag());
            if (s.lastCommit().isPresent()) {
                node.put("lastCommit", s.lastCommit().get().toString());
            } else {
                node.putNull("lastCommit");
            }
        }
        return mapper.writeValueAsString(array);
    }

    static String table(List<PipelineStatus> statuses) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (PipelineStatus s : statuses) {
            rows.add(new String[] {
                s.mapping(),
                s.direction(),
                positions(s.position()),
                positions(s.latest()),
                String.format("%,d", s.lag()),
                s.lastCommit().map(Object::toString).orElse("-")
            });
        }
        int[] widths = new int[HEADER.length];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        });
        return rows.stream()
                .map(r -> {
                    StringBuilder line = new StringBuilder();
                    for (int i = 0; i < r.length; i++) {
                        line.append(i == r.length - 1 ? r[i] : String.format("%-" + widths[i] + "s  ", r[i]));
                    }
                    return line.toString().stripTrailing();
                })
                .collect(Collectors.joining(System.lineSeparator()));
    }

    /** A single position prints as its value, several (one per partition) as {@code key=value} pairs. */
    private static String positions(Map<String, Long> positions) {
        if (positions.isEmpty()) {
            return "-";
        }
        if (positions.size() == 1) {
            return String.valueOf(positions.values().iterator().next());
        }
        return new TreeMap<>(positions)
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
