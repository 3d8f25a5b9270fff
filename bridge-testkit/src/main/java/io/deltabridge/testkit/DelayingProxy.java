package io.deltabridge.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A slow network on loopback: a TCP proxy that holds every chunk of bytes it reads, in either
 * direction, for a fixed delay before passing it on. Its port is known as soon as it is built (so a
 * broker can advertise it); it forwards once {@link #forwardTo} names the target. Counts
 * connections and bytes, so that a test can show its traffic really went through it.
 */
public final class DelayingProxy implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;

    private final Duration delay;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();

    /** Binds 127.0.0.1 on a free port; nothing is accepted before {@link #forwardTo}. */
    public DelayingProxy(Duration delay) {
        this.delay = delay;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Starts accepting: each connection opens one to {@code 127.0.0.1:targetPort}. */
    public DelayingProxy forwardTo(int targetPort) {
        daemon("delaying-proxy-accept", () -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    sockets.add(client);
                    sockets.add(target);
                    connections.incrementAndGet();
                    daemon("delaying-proxy-up", () -> copy(client, target));
                    daemon("delaying-proxy-down", () -> copy(target, client));
                } catch (IOException closedOrRefused) {
                    // closed: the loop ends; refused: the client sees its connection drop
                }
            }
        });
        return this;
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Bytes passed on so far, both directions. */
    public long bytes() {
        return bytes.get();
    }

    /** Stops accepting and drops every connection. */
    @Override
    public void close() {
        closeQuietly(server);
        sockets.forEach(DelayingProxy::closeQuietly);
    }

    private void copy(Socket from, Socket to) {
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                Thread.sleep(delay.toMillis());
                out.write(buffer, 0, n);
                out.flush();
                bytes.addAndGet(n);
            }
        } catch (IOException | InterruptedException dropped) {
            // either side closed: close the other one too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
