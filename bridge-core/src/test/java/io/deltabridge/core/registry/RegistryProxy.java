package io.deltabridge.core.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.ToIntFunction;

/**
 * A loopback HTTP server in front of a real registry, to make it refuse requests as an authenticating
 * or failing one would (the test registry, Apicurio 2.4, authenticates only through an OIDC server).
 */
final class RegistryProxy {
    private RegistryProxy() {}

    /**
     * @param refuse the HTTP status to answer instead of the registry (with a Confluent-style error body), or 0 to
     *               forward the request to {@code target}
     */
    static HttpServer start(String target, ToIntFunction<HttpExchange> refuse) throws IOException {
        HttpClient forward = HttpClient.newHttpClient();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            int refusal = refuse.applyAsInt(exchange);
            byte[] answer;
            int status;
            if (refusal != 0) {
                status = refusal;
                answer = ("{\"error_code\":" + refusal + ",\"message\":\"refused by the test proxy\"}")
                        .getBytes(StandardCharsets.UTF_8);
            } else {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                        .method(
                                exchange.getRequestMethod(),
                                body.length == 0
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofByteArray(body));
                String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
                if (contentType != null) {
                    request.header("Content-Type", contentType);
                }
                try {
                    HttpResponse<byte[]> response =
                            forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                    status = response.statusCode();
                    answer = response.body();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            exchange.getResponseHeaders().add("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE);
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        return server;
    }

    /** The Confluent-compatible API of the registry behind {@code proxy}. */
    static String url(HttpServer proxy) {
        return "http://127.0.0.1:" + proxy.getAddress().getPort() + "/apis/ccompat/v7";
    }
}
