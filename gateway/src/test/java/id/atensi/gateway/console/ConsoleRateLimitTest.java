package id.atensi.gateway.console;

import id.atensi.gateway.support.ResilienceResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Anonymous callers get 3 requests per 2 s in this configuration; the console's files are not counted, since one
 * page load takes about fifteen of them, but the same address is still limited on everything else.
 */
@QuarkusTest
@WithTestResource(ResilienceResource.class)
class ConsoleRateLimitTest {

    // An address of its own: 127.0.0.1's anonymous bucket belongs to the other tests of this configuration.
    private static final String ADDRESS = "127.0.0.9";

    @Test
    void theConsoleFilesAreNotCountedAgainstTheAnonymousLimit() throws IOException {
        for (int i = 0; i < 10; i++) {
            assertEquals(200, status(rawGet(i % 2 == 0 ? "/console/js/main.js" : "/console/messages/id.json")), "request " + i);
        }
        int limited = 0;
        for (int i = 0; i < 5; i++) {
            if (status(rawGet("/q/openapi-gateway")) == 429) {
                limited++;
            }
        }
        assertEquals(2, limited, "of 5 requests to another path, those over the anonymous limit of 3");
    }

    private static String rawGet(String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(ADDRESS, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5000);
            socket.setSoTimeout(10_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
    }
}
