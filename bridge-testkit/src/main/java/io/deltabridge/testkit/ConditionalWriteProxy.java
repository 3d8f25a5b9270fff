package io.deltabridge.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An HTTP proxy on loopback in front of an S3 API server that lets one conditional write
 * ({@code If-None-Match}) of a key reach the server at a time, as AWS S3 decides them: S3Mock checks
 * the condition and then writes without a lock, so two writers racing for one {@code _delta_log/N.json}
 * could both be told "created" while only the later content stays. Every other request passes
 * through unchanged and unserialised.
 */
final class ConditionalWriteProxy implements AutoCloseable {
    /** Headers the JDK client sets itself (or refuses), and hop-by-hop ones. */
    private static final Set<String> NOT_FORWARDED =
            Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "s3-conditional-write-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, ReentrantLock> keyLocks = new ConcurrentHashMap<>();
    private final String target;

    private ConditionalWriteProxy(HttpServer server, String target) {
        this.server = server;
        this.target = target;
    }

    /** Listens on a free loopback port and forwards to {@code target} ({@code http://host:port}). */
    static ConditionalWriteProxy start(String target) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            ConditionalWriteProxy proxy = new ConditionalWriteProxy(server, target);
            server.setExecutor(proxy.threads);
            server.createContext("/", proxy::handle);
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the S3 proxy", e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestHeaders().containsKey("If-None-Match")) {
                ReentrantLock lock =
                        keyLocks.computeIfAbsent(exchange.getRequestURI().getPath(), k -> new ReentrantLock());
                lock.lock();
                try {
                    forward(exchange);
                } finally {
                    lock.unlock();
                }
            } else {
                forward(exchange);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        } catch (IOException | RuntimeException e) {
            exchange.sendResponseHeaders(502, -1);
        }
    }

    private void forward(HttpExchange exchange) throws IOException, InterruptedException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(target + exchange.getRequestURI().toString()))
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        boolean head = exchange.getRequestMethod().equals("HEAD");
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase();
            // a HEAD answer's length is the object's, which the JDK server would not send by itself
            if (!NOT_FORWARDED.contains(lower) || (head && lower.equals("content-length"))) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        byte[] answer = response.body();
        exchange.sendResponseHeaders(response.statusCode(), head || answer.length == 0 ? -1 : answer.length);
        if (!head && answer.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
