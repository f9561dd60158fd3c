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

    private RawHttp() {
    }

    /**
     * Sends {@code head} (request line and header lines, each ending in CRLF) with a bearer token, then what
     * {@code body} writes; answers the response as it came, status line first, reading until the server closes or
     * stays silent for {@code silence}.
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
                for (int n; (n = socket.getInputStream().read(buffer)) >= 0; ) {
                    response.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // the server may keep the connection open after its answer: what came is the answer
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }
}
