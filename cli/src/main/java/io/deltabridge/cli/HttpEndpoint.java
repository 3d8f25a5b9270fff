package io.deltabridge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.deltabridge.core.error.Problem;
import io.deltabridge.core.health.HealthMonitor;
import io.deltabridge.core.health.HealthReport;
import io.deltabridge.core.health.MappingHealth;
import io.deltabridge.core.pipeline.Bridge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint of {@code bridge run --http-port} (SPEC §8), on the JDK's own server:
 * {@code /metrics} in the Prometheus text format, {@code /health/live} and {@code /health/ready}
 * answering 200 or 503 with a JSON body per mapping from the latest {@link HealthMonitor} check.
 */
final class HttpEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService handlers;
    private final HealthMonitor health;
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    private HttpEndpoint(HttpServer server, HealthMonitor health, PrometheusMeterRegistry registry) {
        this.server = server;
        this.health = health;
        this.registry = registry;
        this.handlers = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "deltabridge-http");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** {@code registry}: the one the bridge's meters go to. */
    static HttpEndpoint start(
            String host,
            int port,
            Bridge bridge,
            PrometheusMeterRegistry registry,
            Duration checkEvery,
            Duration stallGrace,
            Duration probeTimeout) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException | IllegalArgumentException e) {
            throw Problem.of("Cannot serve HTTP on %s:%d", host, port)
                    .because("%s", e.getMessage())
                    .fix(
                            "choose a free port with --http-port (0 picks one) and an address of this machine with --http-host")
                    .config(e);
        }
        HttpEndpoint endpoint =
                new HttpEndpoint(server, HealthMonitor.start(bridge, checkEvery, stallGrace, probeTimeout), registry);
        endpoint.bindJvmMeters();
        server.setExecutor(endpoint.handlers);
        server.createContext("/metrics", endpoint::metrics);
        server.createContext("/health/live", exchange -> endpoint.health(exchange, HealthReport::live));
        server.createContext("/health/ready", exchange -> endpoint.health(exchange, HealthReport::ready));
        server.createContext(
                "/",
                exchange -> endpoint.send(
                        exchange,
                        404,
                        "text/plain; charset=utf-8",
                        "Not found: try /metrics, /health/live or /health/ready\n"));
        server.start();
        InetSocketAddress bound = server.getAddress();
        log.info(
                "Serving /metrics, /health/live and /health/ready on http://{}:{}",
                bound.getHostString(),
                bound.getPort());
        return endpoint;
    }

    /** The port served (the one chosen when asked for 0). */
    int port() {
        return server.getAddress().getPort();
    }

    private void bindJvmMeters() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    private void metrics(HttpExchange exchange) throws IOException {
        if (allowed(exchange)) {
            send(exchange, 200, PROMETHEUS_TEXT, registry.scrape());
        }
    }

    private void health(HttpExchange exchange, Predicate<HealthReport> up) throws IOException {
        if (allowed(exchange)) {
            HealthReport report = health.report();
            boolean ok = up.test(report);
            send(exchange, ok ? 200 : 503, "application/json", JSON.writeValueAsString(body(report, ok)));
        }
    }

    private static ObjectNode body(HealthReport report, boolean ok) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", ok ? "UP" : "DOWN");
        body.put("checkedAt", report.checkedAt().toString());
        ArrayNode mappings = body.putArray("mappings");
        for (MappingHealth m : report.mappings()) {
            mappings.addObject()
                    .put("name", m.mapping())
                    .put("state", m.state().name())
                    .put("ready", m.ready())
                    .put("lag", m.lag())
                    .put("detail", m.detail());
        }
        return body;
    }

    private boolean allowed(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        exchange.getResponseHeaders().add("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "Method not allowed: use GET\n");
        return false;
    }

    private void send(HttpExchange exchange, int code, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        health.close();
        gc.close();
        registry.close();
    }
}
