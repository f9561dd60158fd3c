package id.atensi.systemtests;

import id.atensi.testing.TestInfrastructure;
import id.atensi.testing.TestKeycloak;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Swagger UI on the gateway, used in a real headless browser (Debian's chromium driven by playwright-core,
 * tools/browser/swagger-ui.mjs): the merged document shows every service's tags; "Authorize" on the oauth2
 * scheme leads to the test run's Keycloak, where a user logs in, and back, authorised by authorization code with
 * PKCE as the realm's public client; "Try it out" then creates, and after Logout the same call is refused.
 */
@ExtendWith(SharedPlatform.class)
class SwaggerUiBrowserSystemTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long BROWSER_TIMEOUT_SECONDS = 180;
    private static final String CONSOLE_CLIENT = "atensi-console";
    private static final String USER = "swagger-ui-admin";

    private final RunningPlatform platform = SharedPlatform.get();

    /** Never skips: a machine without the browser tools fails and is told what to install. */
    @BeforeAll
    static void requireBrowserTools() {
        Path root = Path.of(System.getProperty("atensi-repository-root", "."));
        if (!Files.isExecutable(CHROMIUM)) {
            fail("no browser at " + CHROMIUM + ": this test drives Debian's chromium; install it with: apt-get install -y chromium");
        }
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            node.getInputStream().readAllBytes();
            if (node.waitFor() != 0) {
                fail("'node --version' failed: this test needs Node.js 20+; install it with: apt-get install -y nodejs npm");
            }
        } catch (IOException e) {
            fail("node not found: this test needs Node.js 20+ with npm; install it with: apt-get install -y nodejs npm");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (!Files.isDirectory(root.resolve("tools/browser/node_modules/playwright-core"))) {
            fail("playwright-core is not installed: run tools/browser/install.sh (./mvnw verify -pl system-tests runs it)");
        }
    }

    @Test
    void swaggerUiShowsEveryServiceLogsInAtKeycloakWithPkceTriesACreateAndIsRefusedAfterLogout() {
        TestKeycloak keycloak = TestInfrastructure.keycloak();
        // The realm allows http://127.0.0.1/* for the console; this gateway's port is known only now, and Keycloak
        // answers the page's token request across origins only for an origin of a redirect URI (web origins "+").
        keycloak.admin().addRedirectUri(CONSOLE_CLIENT, platform.gatewayUrl() + "/q/swagger-ui/oauth2-redirect.html");
        // Made once per Keycloak (each test run starts from an empty one), with a password of this run.
        String password = "Swagger-" + UUID.randomUUID();
        keycloak.admin().ensureUser(USER, password, "admin", Map.of());
        JsonPath report = runBrowser(password);

        assertThat(report.getString("title"), startsWith("ATENSI platform API"));
        List<String> shownTags = report.getList("tags", String.class);
        for (String service : RunningPlatform.SERVICES) {
            List<String> ownTags = given().baseUri(platform.serviceUrl(service))
                    .when().get("/q/openapi?format=json")
                    .then().statusCode(200)
                    .extract().jsonPath().getList("tags.name", String.class);
            assertThat(service + " publishes tags", ownTags, not(empty()));
            assertThat("Swagger UI on the gateway shows " + service + "'s tags", shownTags, hasItems(ownTags.toArray(String[]::new)));
        }
        assertThat("Authorize offers the login", report.getString("oauth2Scheme"), startsWith("oauth2 (OAuth2, authorizationCode with PKCE)"));
        assertThat("the login page is the realm's", report.getString("login.page"),
                equalTo(keycloak.issuer() + "/protocol/openid-connect/auth"));
        assertThat(report.getString("login.clientId"), equalTo(CONSOLE_CLIENT));
        assertThat("PKCE challenge", report.getString("login.codeChallengeMethod"), equalTo("S256"));
        assertThat(report.getString("login.redirectUri"), equalTo(platform.gatewayUrl() + "/q/swagger-ui/oauth2-redirect.html"));
        assertThat("code traded for a token", report.getInt("login.tokenStatus"), equalTo(200));
        assertThat("PKCE verifier sent with the code", report.getBoolean("login.codeVerifierSent"), is(true));
        assertThat("Swagger UI shows the oauth2 scheme authorised", report.getBoolean("authorized"), is(true));
        assertThat("script errors on the page", report.getList("pageErrors"), empty());

        assertThat("status Swagger UI shows for the authorised call", report.getString("withToken.uiStatus"), equalTo("201"));
        assertThat("Authorization header sent", report.getBoolean("withToken.authorizationSent"), is(true));
        String id = JsonPath.from(report.getString("withToken.body")).getString("id");
        given().auth().oauth2(keycloak.adminToken())
                .when().get("/api/v1/beneficiaries/{id}", id)
                .then().statusCode(200).body("fullName", equalTo("Dewi Lestari"));

        assertThat("status Swagger UI shows after Logout", report.getString("withoutToken.uiStatus"), equalTo("401"));
        assertThat("Authorization header sent after Logout", report.getBoolean("withoutToken.authorizationSent"), is(false));
        assertThat(report.getString("withoutToken.contentType"), startsWith("application/problem+json"));
    }

    private JsonPath runBrowser(String password) {
        Path browserTools = platform.root().resolve("tools/browser");
        Path output = platform.root().resolve("system-tests/target/browser");
        Path stdout = output.resolve("swagger-ui.json");
        Path stderr = output.resolve("swagger-ui.stderr.log");
        try {
            Files.createDirectories(output);
            ProcessBuilder builder = new ProcessBuilder("node", browserTools.resolve("swagger-ui.mjs").toString(),
                    "--gateway", platform.gatewayUrl(), "--chromium", CHROMIUM.toString(), "--screenshots", output.toString())
                    .directory(browserTools.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            // The credentials go by environment, not on the command line where any process listing shows them.
            builder.environment().put("ATENSI_USERNAME", USER);
            builder.environment().put("ATENSI_PASSWORD", password);
            Process node = builder.start();
            if (!node.waitFor(BROWSER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                fail("the browser script did not finish within " + BROWSER_TIMEOUT_SECONDS + " s; see " + stderr);
            }
            String json = Files.readString(stdout, StandardCharsets.UTF_8).strip();
            if (node.exitValue() != 0 || json.isEmpty()) {
                fail("the browser script failed (exit " + node.exitValue() + "): " + json + "\n" + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return JsonPath.from(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the browser ran", e);
        }
    }
}
