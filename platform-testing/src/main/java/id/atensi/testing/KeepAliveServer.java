package id.atensi.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 receiver on raw sockets, so that the test decides what happens to each keep-alive connection — what the
 * JDK's server does not let it do. It answers 204 and keeps the connection open; in {@link Mode#CLOSES_REUSED} it
 * closes a connection when a second request arrives on it, without answering: the moment a server's idle timeout
 * closes a connection just as the client writes its next request on it, made certain instead of left to chance.
 */
public final class KeepAliveServer implements AutoCloseable {

    public enum Mode {
        /** Every request answered 204, the connection kept open until the client closes it. */
        ANSWERS,
        /** The first request on each connection answered 204; a later one closes the connection, unanswered. */
        CLOSES_REUSED,
        /** Every connection closed once its first request is read, unanswered. */
        CLOSES_ALL
    }

    private final ServerSocket socket;
    private final Mode mode;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    public final AtomicInteger connections = new AtomicInteger();
    public final AtomicInteger requests = new AtomicInteger();
    /** Requests read and then answered by closing their connection. */
    public final AtomicInteger closedUnanswered = new AtomicInteger();
    /** Per connection, in order of acceptance: the requests it carried. */
    public final CopyOnWriteArrayList<AtomicInteger> requestsPerConnection = new CopyOnWriteArrayList<>();
    /** Connections the client closed (end of stream while waiting for a request), not the server. */
    public final AtomicInteger closedByClient = new AtomicInteger();

    public KeepAliveServer(Mode mode) throws IOException {
        this.mode = mode;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/hook";
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.incrementAndGet();
                AtomicInteger carried = new AtomicInteger();
                requestsPerConnection.add(carried);
                threads.execute(() -> serve(connection, carried));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection, AtomicInteger carried) {
        try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
            while (true) {
                if (!readRequest(in)) {
                    closedByClient.incrementAndGet();
                    return;
                }
                requests.incrementAndGet();
                int number = carried.incrementAndGet();
                if (mode == Mode.CLOSES_ALL || mode == Mode.CLOSES_REUSED && number > 1) {
                    closedUnanswered.incrementAndGet();
                    return;
                }
                out.write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException broken) {
            // the client reset the connection: nothing more to serve on it
        }
    }

    /** @return false at the end of the stream before a request began */
    private static boolean readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return false;
                }
                throw new IOException("the request's head broke off");
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        long length = 0;
        for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring("content-length:".length()).strip());
            }
        }
        in.skipNBytes(length);
        return true;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        threads.shutdownNow();
    }
}
