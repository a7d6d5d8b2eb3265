package dev.ticketing.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service that dies in the middle of a request, on a real socket: it accepts the connection, reads the request
 * head, and then, as the test chooses, closes or resets (RST) the connection, before answering or halfway through
 * its status line and headers. What a crashed, killed or restarting service looks like to the gateway.
 */
public final class BrokenHttpServer implements AutoCloseable {

    public enum Behaviour { CLOSE_AFTER_REQUEST, RESET_AFTER_REQUEST, CLOSE_MID_HEADERS, RESET_MID_HEADERS }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Behaviour behaviour = Behaviour.RESET_AFTER_REQUEST;

    public BrokenHttpServer() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.submit(this::acceptLoop);
    }

    public void behave(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** Requests whose head arrived whole: the request did reach the service. */
    public int requests() {
        return requests.get();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                threads.submit(() -> breakOff(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void breakOff(Socket connection) {
        try (connection) {
            readHead(connection.getInputStream());
            requests.incrementAndGet();
            Behaviour now = behaviour;
            if (now == Behaviour.CLOSE_MID_HEADERS || now == Behaviour.RESET_MID_HEADERS) {
                connection.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Type: applica"
                        .getBytes(StandardCharsets.US_ASCII));
                connection.getOutputStream().flush();
            }
            if (now == Behaviour.RESET_AFTER_REQUEST || now == Behaviour.RESET_MID_HEADERS) {
                // linger 0: close sends RST, the peer reads "Connection reset"
                connection.setSoLinger(true, 0);
            }
        } catch (SocketException gone) {
            // the gateway gave up first
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int next = in.read();
            if (next < 0) {
                throw new SocketException("closed before the request head ended");
            }
            matched = next == end[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        threads.shutdownNow();
    }
}
