package io.deltabridge.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS reverse proxy with HTTP basic authentication in front of a plain-HTTP server (e.g. the
 * test schema registry, which supports neither): requests without the right credentials get 401,
 * the others are forwarded with their method, path, query, {@code Content-Type} and body.
 */
public final class TlsBasicAuthProxy implements AutoCloseable {
    private static final Set<String> FORWARDED_HEADERS = Set.of("Content-Type", "Accept");

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient client = HttpClient.newHttpClient();
    private final URI target;
    private final String expectedAuthorization;
    private final AtomicInteger rejected = new AtomicInteger();

    private TlsBasicAuthProxy(HttpsServer server, URI target, String user, String password) {
        this.server = server;
        this.target = target;
        this.expectedAuthorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Starts a proxy on a free loopback port that serves {@code certificates} and forwards to {@code target} (scheme://host:port). */
    public static TlsBasicAuthProxy start(URI target, TestCertificates certificates, String user, String password) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(sslContext(certificates)));
            TlsBasicAuthProxy proxy = new TlsBasicAuthProxy(server, target, user, password);
            server.createContext("/", proxy::handle);
            server.setExecutor(proxy.executor);
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for the proxy", e);
        }
    }

    /** {@code https://127.0.0.1:<port>}: the target's paths are served under it. */
    public String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many requests were refused for missing or wrong credentials. */
    public int rejected() {
        return rejected.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                rejected.incrementAndGet();
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"registry\"");
                respond(
                        exchange,
                        401,
                        "{\"error_code\":401,\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            HttpResponse<byte[]> response = forward(exchange);
            response.headers()
                    .firstValue("Content-Type")
                    .ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
            respond(exchange, response.statusCode(), response.body());
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange) throws IOException {
        URI uri = target.resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery()));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        FORWARDED_HEADERS.forEach(h -> {
            String value = exchange.getRequestHeaders().getFirst(h);
            if (value != null) {
                request.header(h, value);
            }
        });
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static SSLContext sslContext(TestCertificates certificates) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certificates.keyStore())) {
            store.load(in, certificates.password().toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, certificates.password().toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
