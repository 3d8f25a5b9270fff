package io.deltabridge.bench.k2d;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One measured child process under {@code /usr/bin/time -v}: its {@code RESULT k=v ...} line, its peak RSS from
 * time's report and its wall time. The child's stderr (and time's report) goes to {@code log}.
 */
record TimedRun(Map<String, String> result, double rssMiB, double wallSeconds) {

    static TimedRun of(String name, List<String> command, Path log) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-v"));
        cmd.addAll(command);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        String line = null;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = out.readLine()) != null; ) {
                if (l.startsWith("RESULT ")) {
                    line = l;
                }
            }
        }
        int exit = p.waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        String stderr = Files.readString(log);
        if (exit != 0 || line == null) {
            throw new IllegalStateException(name + " failed (exit " + exit + "):\n" + stderr);
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (String kv : line.substring(7).split(" ")) {
            result.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        long rssKiB = stderr.lines()
                .filter(l -> l.contains("Maximum resident set size"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                .findFirst()
                .orElse(-1);
        return new TimedRun(result, rssKiB / 1024.0, wall);
    }

    long number(String key) {
        return Long.parseLong(result.get(key));
    }

    double decimal(String key) {
        return Double.parseDouble(result.get(key));
    }
}
