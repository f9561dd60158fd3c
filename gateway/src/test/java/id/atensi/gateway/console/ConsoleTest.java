package id.atensi.gateway.console;

import id.atensi.gateway.support.FakeServicesResource;
import id.atensi.gateway.support.TestKeys;
import id.atensi.local.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console module's files as the gateway serves them: without a token, typed, revalidated, under the page's policy,
 * gzip-compressed when asked for. The compression cases use the JDK's client, which neither asks for nor undoes an
 * encoding by itself (rest-assured does both).
 */
@QuarkusTest
@WithTestResource(FakeServicesResource.class)
class ConsoleTest {

    private static final String ISSUER_ORIGIN = "https://atensi.local";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static void servedAsPage(Response response, String contentType) {
        response.then().statusCode(200)
                .contentType(startsWith(contentType))
                .header("Cache-Control", equalTo(ConsoleRoutes.CACHE_CONTROL))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("connect-src 'self' " + ISSUER_ORIGIN + ";"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY");
    }

    @Test
    void thePageIsServedWithoutATokenAsHtmlThatMustBeRevalidated() {
        Response page = given().when().get("/console/");
        servedAsPage(page, "text/html");
        page.then().body(containsString("<script type=\"module\" src=\"js/main.js\"></script>"));
    }

    @Test
    void scriptsStylesAndMessagesCarryTheirContentTypes() {
        servedAsPage(given().when().get("/console/js/main.js"), "text/javascript");
        servedAsPage(given().when().get("/console/js/auth.js"), "text/javascript");
        servedAsPage(given().when().get("/console/app.css"), "text/css");
        servedAsPage(given().when().get("/console/messages/id.json"), "application/json");
        servedAsPage(given().when().get("/console/messages/en.json"), "application/json");
    }

    @Test
    void theProvinceNamesAreServedWithTheirAttributionAndLicence() {
        Response provinces = given().when().get("/console/idn-area/provinces.csv");
        servedAsPage(provinces, "text/csv");
        provinces.then().body(startsWith("code,name\n")).body(containsString("\n32,JAWA BARAT\n"));
        given().when().get("/console/idn-area/SOURCE.md").then().statusCode(200).body(containsString("ODbL"));
        given().when().get("/console/idn-area/LICENSE.md").then().statusCode(200).body(containsString("Open Database License"));
    }

    @Test
    void anUnchangedFileAnswers304ToARevalidation() {
        String lastModified = given().when().get("/console/js/api.js").then().statusCode(200).extract().header("Last-Modified");
        given().header("If-Modified-Since", lastModified)
                .when().get("/console/js/api.js")
                .then().statusCode(304).header("Cache-Control", equalTo(ConsoleRoutes.CACHE_CONTROL));
    }

    @Test
    void theConfigurationNamesTheRealmAndThePublicClient() {
        servedAsPage(given().when().get("/console/config.json"), "application/json");
        given().when().get("/console/config.json")
                .then().body("issuer", equalTo(Tokens.ISSUER)).body("clientId", equalTo("atensi-console"));
    }

    @Test
    void theBarePathLeadsToTheConsole() {
        given().redirects().follow(false).when().get("/console")
                .then().statusCode(301).header("Location", endsWith("/console/"));
    }

    @Test
    void aFileTheConsoleDoesNotHaveIsAProblem() {
        given().when().get("/console/js/missing.js")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
    }

    @Test
    void aScriptIsSentGzipCompressedWhenTheBrowserTakesIt() {
        HttpResponse<byte[]> compressed = raw("/console/js/main.js", "Accept-Encoding", "gzip, deflate, br");
        assertEquals(200, compressed.statusCode());
        assertEquals("gzip", compressed.headers().firstValue("Content-Encoding").orElse(null));
        assertEquals("Accept-Encoding", compressed.headers().firstValue("Vary").orElse(null));
        assertTrue(compressed.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
        assertEquals(ConsoleRoutes.CACHE_CONTROL, compressed.headers().firstValue("Cache-Control").orElse(null));
        byte[] file = resource("js/main.js");
        assertArrayEquals(file, gunzip(compressed.body()), "the body inflates to the file's bytes");
        assertTrue(compressed.body().length < file.length / 2, "compressed: " + compressed.body().length + " of " + file.length + " bytes");
        assertEquals(compressed.body().length, Integer.parseInt(compressed.headers().firstValue("Content-Length").orElseThrow()));
    }

    @Test
    void everyKindOfFileIsCompressedThePageToo() {
        for (String[] file : new String[][] {{"", "index.html"}, {"app.css", "app.css"}, {"messages/id.json", "messages/id.json"},
                {"idn-area/provinces.csv", "idn-area/provinces.csv"}}) {
            HttpResponse<byte[]> compressed = raw("/console/" + file[0], "Accept-Encoding", "gzip");
            assertEquals("gzip", compressed.headers().firstValue("Content-Encoding").orElse(null), file[1]);
            assertArrayEquals(resource(file[1]), gunzip(compressed.body()), file[1]);
        }
    }

    @Test
    void aBrowserThatDoesNotAskGetsThePlainFile() {
        for (String acceptEncoding : new String[] {null, "identity", "gzip;q=0", "deflate, br"}) {
            HttpResponse<byte[]> plain = acceptEncoding == null ? raw("/console/js/main.js") : raw("/console/js/main.js", "Accept-Encoding", acceptEncoding);
            assertEquals(200, plain.statusCode());
            assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), "Accept-Encoding: " + acceptEncoding);
            assertEquals("Accept-Encoding", plain.headers().firstValue("Vary").orElse(null));
            assertArrayEquals(resource("js/main.js"), plain.body(), "Accept-Encoding: " + acceptEncoding);
        }
    }

    @Test
    void eachFormIsRevalidatedByItsOwnTag() {
        HttpResponse<byte[]> compressed = raw("/console/js/api.js", "Accept-Encoding", "gzip");
        HttpResponse<byte[]> plain = raw("/console/js/api.js");
        String compressedTag = compressed.headers().firstValue("ETag").orElseThrow();
        String plainTag = plain.headers().firstValue("ETag").orElseThrow();
        assertNotEquals(compressedTag, plainTag, "two forms of one file are two representations");

        HttpResponse<byte[]> unchanged = raw("/console/js/api.js", "Accept-Encoding", "gzip", "If-None-Match", compressedTag);
        assertEquals(304, unchanged.statusCode());
        assertEquals(0, unchanged.body().length);
        assertEquals(compressedTag, unchanged.headers().firstValue("ETag").orElse(null));
        assertEquals("Accept-Encoding", unchanged.headers().firstValue("Vary").orElse(null));
        assertEquals(ConsoleRoutes.CACHE_CONTROL, unchanged.headers().firstValue("Cache-Control").orElse(null));
        assertEquals(304, raw("/console/js/api.js", "If-None-Match", plainTag).statusCode());
        // The tag of the compressed form does not validate the plain one: the browser would keep bytes it cannot read.
        HttpResponse<byte[]> other = raw("/console/js/api.js", "If-None-Match", compressedTag);
        assertEquals(200, other.statusCode());
        assertArrayEquals(resource("js/api.js"), other.body());
    }

    @Test
    void anApiAnswerThroughTheGatewayStaysUncompressed() {
        HttpResponse<byte[]> answer = raw("/api/v1/beneficiaries/1", "Accept-Encoding", "gzip", "Authorization", TestKeys.bearer(TestKeys.admin()));
        assertEquals(200, answer.statusCode());
        assertTrue(answer.headers().firstValue("Content-Encoding").isEmpty(), "Content-Encoding of a proxied answer");
        assertTrue(new String(answer.body(), StandardCharsets.UTF_8).startsWith("{"), "JSON as the service sent it");
        HttpResponse<byte[]> refused = raw("/api/v1/beneficiaries/1", "Accept-Encoding", "gzip");
        assertEquals(401, refused.statusCode());
        assertTrue(refused.headers().firstValue("Content-Encoding").isEmpty(), "Content-Encoding of the gateway's own problem");
        assertThat(refused.headers().firstValue("Vary").orElse(""), not(containsString("Accept-Encoding")));
    }

    private static HttpResponse<byte[]> raw(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = ConsoleTest.class.getClassLoader().getResourceAsStream(ConsoleFiles.RESOURCES + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gunzip(byte[] body) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theApiKeepsItsOwnPolicy() {
        given().when().get("/api/v1/beneficiaries/1")
                .then().statusCode(401).header("Content-Security-Policy", equalTo("default-src 'none'; frame-ancestors 'none'"));
    }
}
