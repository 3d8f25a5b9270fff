package io.deltabridge.core.lineage.openlineage;

import io.deltabridge.core.config.OpenLineageConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/** Where the JSON of an event goes: one call per event, from the single delivery thread. */
interface EventTransport {

    void deliver(String json) throws IOException, InterruptedException;

    /** Where events go, for log lines: no credentials. */
    String describe();

    static EventTransport of(OpenLineageConfig config) {
        return switch (config.transport()) {
            case HTTP ->
                new Http(
                        URI.create(stripTrailingSlash(config.url().orElseThrow()) + config.endpoint()),
                        config.apiKey(),
                        config.timeout());
            case FILE -> new File(Path.of(config.file().orElseThrow()));
            case CONSOLE -> new Console(System.out);
        };
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** POST to an OpenLineage HTTP receiver (Marquez's {@code /api/v1/lineage}); any 2xx is a delivery. */
    final class Http implements EventTransport {
        private final URI uri;
        private final Optional<String> apiKey;
        private final Duration timeout;
        private final HttpClient client;

        Http(URI uri, Optional<String> apiKey, Duration timeout) {
            this.uri = uri;
            this.apiKey = apiKey;
            this.timeout = timeout;
            this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        }

        @Override
        public void deliver(String json) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
            int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status / 100 != 2) {
                throw new IOException("the receiver answered HTTP " + status);
            }
        }

        @Override
        public String describe() {
            return io.deltabridge.core.config.Secrets.redactUrl(uri.toString());
        }
    }

    /** Appends to a file, one JSON object a line (the OpenLineage file transport's format). */
    final class File implements EventTransport {
        private final Path path;

        File(Path path) {
            this.path = path;
        }

        @Override
        public void deliver(String json) throws IOException {
            Files.writeString(
                    path,
                    json + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        }

        @Override
        public String describe() {
            return path.toString();
        }
    }

    /** Standard output, one JSON object a line, for piping into other tools. */
    final class Console implements EventTransport {
        private final PrintStream out;

        Console(PrintStream out) {
            this.out = out;
        }

        @Override
        public void deliver(String json) {
            out.println(json);
            out.flush();
        }

        @Override
        public String describe() {
            return "standard output";
        }
    }
}
