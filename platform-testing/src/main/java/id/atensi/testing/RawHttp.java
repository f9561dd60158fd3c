package id.atensi.testing;

import io.restassured.RestAssured;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP/1.1 exchange written by hand on a socket to the application under test (rest-assured's base URI and port),
 * for what an HTTP client will not send: a body longer than its declared length, a chunked body that never ends within
 * the limit, a head without a length.
 */
public final class RawHttp {

    /** Writes a request's body to the socket, as slowly or as wrongly as the test needs. */
    public interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?m)^content-length:\\s*(\\d+)\\s*$");
    private static final Pattern CHUNKED = Pattern.compile("(?m)^transfer-encoding:.*chunked");

    private RawHttp() {
    }

    /**
     * Sends {@code head} (request line and header lines, each ending in CRLF) with a bearer token, then what
     * {@code body} writes; answers the response as it came, status line first, read until it is complete by its
     * {@code Content-Length} or last chunk, or until the server closes or stays silent for {@code silence}.
     */
    public static String exchange(String head, String bearerToken, BodyWriter body, Duration silence) throws IOException {
        URI base = URI.create(RestAssured.baseURI);
        try (Socket socket = new Socket(base.getHost(), RestAssured.port)) {
            socket.setSoTimeout((int) silence.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((head + "Authorization: Bearer " + bearerToken + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            body.write(out);
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; !isComplete(response.toString(StandardCharsets.ISO_8859_1)) && (n = socket.getInputStream().read(buffer)) >= 0; ) {
                    response.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // the server may keep the connection open after an answer that declares no length: what came is the answer
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    /** Whether {@code received} holds a final (not 1xx) response whose body has fully arrived by its own framing. */
    static boolean isComplete(String received) {
        int start = 0;
        while (true) {
            int headEnd = received.indexOf("\r\n\r\n", start);
            if (headEnd < 0) {
                return false;
            }
            String head = received.substring(start, headEnd).toLowerCase(Locale.ROOT);
            int bodyStart = headEnd + 4;
            if (head.startsWith("http/1.1 1")) {
                start = bodyStart;
                continue;
            }
            if (head.startsWith("http/1.1 204") || head.startsWith("http/1.1 304")) {
                return true;
            }
            if (CHUNKED.matcher(head).find()) {
                return chunkedBodyEnds(received, bodyStart);
            }
            Matcher length = CONTENT_LENGTH.matcher(head);
            return length.find() && received.length() - bodyStart >= Long.parseLong(length.group(1));
        }
    }

    /** Walks the chunks from {@code at}: complete once the last (size 0) chunk and the trailer section's end are in. */
    private static boolean chunkedBodyEnds(String received, int at) {
        int position = at;
        while (true) {
            int sizeLineEnd = received.indexOf("\r\n", position);
            if (sizeLineEnd < 0) {
                return false;
            }
            String sizeField = received.substring(position, sizeLineEnd);
            int extension = sizeField.indexOf(';');
            long size;
            try {
                size = Long.parseLong((extension < 0 ? sizeField : sizeField.substring(0, extension)).strip(), 16);
            } catch (NumberFormatException e) {
                return false;
            }
            if (size < 0 || size > received.length()) {
                return false;
            }
            if (size == 0) {
                int trailer = sizeLineEnd + 2;
                while (true) {
                    int lineEnd = received.indexOf("\r\n", trailer);
                    if (lineEnd < 0) {
                        return false;
                    }
                    if (lineEnd == trailer) {
                        return true;
                    }
                    trailer = lineEnd + 2;
                }
            }
            long next = sizeLineEnd + 2 + size + 2;
            if (received.length() < next) {
                return false;
            }
            position = (int) next;
        }
    }
}
