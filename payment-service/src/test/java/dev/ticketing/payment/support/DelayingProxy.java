package dev.ticketing.payment.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy in front of a real service that can hold back the service's answers: requests reach the service at
 * once and are processed, only the bytes coming back wait. That is exactly a slow network or an overloaded upstream
 * as the caller sees it, with nothing about the API imitated.
 */
public final class DelayingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int upstreamPort;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Duration responseDelay = Duration.ZERO;
    private volatile Duration bodyDelay = Duration.ZERO;

    private DelayingProxy(int upstreamPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        threads.execute(this::accept);
    }

    public static DelayingProxy to(int upstreamPort) {
        try {
            return new DelayingProxy(upstreamPort);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Holds every answer chunk back this long from now on; zero lets them through at once. */
    public void delayResponses(Duration delay) {
        responseDelay = delay;
    }

    /**
     * Lets each answer's status line, headers and the body's opening {@code '{'} through at once and holds the rest
     * back this long: an upstream that stalls mid-answer, so that the caller's read timeout strikes while it parses
     * the JSON body. Zero turns it off.
     */
    public void delayBodies(Duration delay) {
        bodyDelay = delay;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> relay(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        open.add(client);
        try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            open.add(upstream);
            threads.execute(() -> pump(client, upstream, false));
            pump(upstream, client, true);
            open.remove(upstream);
        } catch (IOException upstreamDown) {
            // the client sees its connection closed, as with a service that is not there
        } finally {
            open.remove(client);
        }
    }

    private void pump(Socket from, Socket to, boolean delayed) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            boolean bodyDue = false;
            while ((read = in.read(buffer)) != -1) {
                if (delayed && !responseDelay.isZero()) {
                    Thread.sleep(responseDelay);
                }
                int start = 0;
                if (delayed && !bodyDelay.isZero()) {
                    if (bodyDue) {
                        Thread.sleep(bodyDelay);
                        bodyDue = false;
                    }
                    int headersEnd = headersEnd(buffer, read);
                    if (headersEnd > 0) {
                        int bodyOpened = headersEnd;
                        while (bodyOpened < read && buffer[bodyOpened] != '{') {
                            bodyOpened++;
                        }
                        start = Math.min(bodyOpened + 1, read);
                        out.write(buffer, 0, start);
                        out.flush();
                        if (start < read) {
                            Thread.sleep(bodyDelay);
                        } else {
                            bodyDue = true; // the body comes in the next chunk
                        }
                    }
                }
                out.write(buffer, start, read - start);
                out.flush();
            }
        } catch (IOException | InterruptedException closed) {
            // either side went away; closing both ends below ends the other pump too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** The index just past the blank line that ends a response's headers in this chunk, or -1. */
    private static int headersEnd(byte[] chunk, int length) {
        for (int i = 3; i < length; i++) {
            if (chunk[i - 3] == '\r' && chunk[i - 2] == '\n' && chunk[i - 1] == '\r' && chunk[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        open.forEach(DelayingProxy::closeQuietly);
        threads.shutdownNow();
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
