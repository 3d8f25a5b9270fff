package io.deltabridge.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Schema registry endpoints that fail as real ones do: nothing listening, or every request refused. */
public final class RegistryFaults {
    private RegistryFaults() {}

    /** A loopback URL where nothing listens (a port just released). */
    public static String closedUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    /** A loopback server answering every request with {@code status} and no body; stop it with {@code stop(0)}. */
    public static HttpServer refusing(int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** The base URL of {@code server}. */
    public static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
