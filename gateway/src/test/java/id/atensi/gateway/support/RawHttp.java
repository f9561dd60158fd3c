package id.atensi.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Steps of the raw-socket exchanges the tests need where an HTTP client would hide what is on the wire. */
public final class RawHttp {

    private static final String CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n";

    private RawHttp() {
    }

    /**
     * Reads the interim {@code 100 Continue} answer, exactly its bytes, so that what follows on the connection is the
     * final answer. A gateway that never sends it makes this time out (the socket's read timeout).
     */
    public static void awaitContinue(InputStream in) throws IOException {
        byte[] interim = new byte[CONTINUE.length()];
        int read = 0;
        while (read < interim.length) {
            int n = in.read(interim, read, interim.length - read);
            assertTrue(n > 0, "connection closed before 100 Continue");
            read += n;
        }
        String received = new String(interim, StandardCharsets.US_ASCII);
        assertTrue(received.startsWith("HTTP/1.1 100"), received);
    }

    /** Writes {@code chunks} chunks of 64 KB of 'x' in chunked encoding, without the last (empty) chunk. */
    public static void writeChunks(OutputStream out, int chunks) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        for (int i = 0; i < chunks; i++) {
            out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(chunk);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }
}
