package io.deltabridge.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Connect's REST API as an operator uses it (curl), against one worker of the cluster. */
final class ConnectRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;

    ConnectRest(String url) {
        this.url = url;
    }

    /** Creates or reconfigures {@code connector}. */
    void putConnector(String connector, Map<String, String> config) throws InterruptedException {
        try {
            send(HttpRequest.newBuilder(URI.create(url + "/connectors/" + connector + "/config"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void deleteConnector(String connector) throws InterruptedException {
        send(HttpRequest.newBuilder(URI.create(url + "/connectors/" + connector))
                .DELETE());
    }

    /** The worker id of each running task of {@code connector}, once {@code tasks} of them run. */
    Map<Integer, String> awaitRunningTasks(String connector, int tasks, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<Integer, String> running = Map.of();
        while (System.nanoTime() < deadline) {
            running = runningTasks(connector);
            if (running.size() == tasks) {
                return running;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(tasks + " tasks of " + connector + " not running in " + timeout + ": " + running);
    }

    private Map<Integer, String> runningTasks(String connector) throws InterruptedException {
        HttpResponse<String> response = get("/connectors/" + connector + "/status");
        Map<Integer, String> running = new HashMap<>();
        if (response.statusCode() == 200) {
            try {
                for (JsonNode task : JSON.readTree(response.body()).path("tasks")) {
                    if ("RUNNING".equals(task.path("state").asText())) {
                        running.put(
                                task.path("id").asInt(), task.path("worker_id").asText());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return running;
    }

    private HttpResponse<String> get(String path) throws InterruptedException {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(url + path))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a change; a 409 (the cluster is rebalancing) is tried again for up to a minute. */
    private void send(HttpRequest.Builder request) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            HttpResponse<String> response;
            try {
                response = HTTP.send(
                        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (response.statusCode() / 100 == 2) {
                return;
            }
            if (response.statusCode() != 409 || System.nanoTime() > deadline) {
                throw new AssertionError(response.request().method() + " " + response.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            Thread.sleep(500);
        }
    }
}
