package id.atensi.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A service that misbehaves at the HTTP level, which a real HTTP server cannot be made to do. It reads a request's
 * head and acts on the last segment of its path:
 * <ul>
 *   <li>{@code hang}: answers nothing and keeps the connection open;</li>
 *   <li>{@code garbage}: answers bytes that are not HTTP, then closes;</li>
 *   <li>{@code close}: closes the connection without answering;</li>
 *   <li>{@code half-head}: sends part of a status line and headers, then closes;</li>
 *   <li>{@code cut-body}: sends a complete head announcing 100 bytes, 10 of them, then closes;</li>
 *   <li>{@code html-error}: a well-formed 400 with an HTML page naming an exception (as the JDK's HTTP server
 *   answers a target it cannot parse);</li>
 *   <li>anything else: a well-formed 200 with a small JSON body.</li>
 * </ul>
 */
public final class RawUpstream implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "raw-upstream");
        thread.setDaemon(true);
        return thread;
    });

    private RawUpstream() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        executor.execute(this::accept);
    }

    public static RawUpstream start() {
        try {
            return new RawUpstream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the raw upstream", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                executor.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String head = readHead(in);
            String target = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
            String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
            String behaviour = path.substring(path.lastIndexOf('/') + 1);
            switch (behaviour) {
                case "hang" -> {
                    // Reads until the gateway gives up and closes the connection.
                    while (in.read() >= 0) {
                        continue;
                    }
                }
                case "garbage" -> write(out, "SSH-2.0-OpenSSH_9.2\r\n\u0000\u0001\u0002 not an HTTP answer\r\n\r\n");
                case "close" -> {
                    // try-with-resources closes the socket.
                }
                case "half-head" -> write(out, "HTTP/1.1 200 OK\r\nContent-Ty");
                case "cut-body" -> write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"partial\":");
                case "html-error" -> {
                    String page = "<h1>400 Bad Request</h1>URISyntaxException thrown";
                    write(out, "HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\nContent-Length: " + page.length()
                            + "\r\nConnection: close\r\n\r\n" + page);
                }
                default -> write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n"
                        + "Connection: close\r\n\r\n{\"ok\":true}");
            }
        } catch (IOException | RuntimeException e) {
            // The gateway may close first; the test looks at what the gateway answered, not at this side.
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    private static void write(OutputStream out, String text) throws IOException {
        try {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (SocketException closed) {
            // Nothing more to do.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Closing anyway.
        }
        executor.shutdownNow();
    }
}
