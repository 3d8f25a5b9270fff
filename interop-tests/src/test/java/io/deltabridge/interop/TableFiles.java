package io.deltabridge.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The files of a table directory, data files and log entries apart: to show a refused run wrote nothing. */
record TableFiles(List<String> data, List<String> log) {
    static TableFiles of(Path table) {
        try (Stream<Path> all = Files.walk(table)) {
            List<String> files = all.filter(Files::isRegularFile)
                    .map(p -> table.relativize(p).toString())
                    .filter(p -> !p.endsWith(".crc"))
                    .sorted()
                    .toList();
            return new TableFiles(
                    files.stream().filter(p -> !p.startsWith("_delta_log")).toList(),
                    files.stream().filter(p -> p.startsWith("_delta_log")).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
