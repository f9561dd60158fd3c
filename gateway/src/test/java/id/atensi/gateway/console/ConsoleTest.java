package id.atensi.gateway.console;

import id.atensi.gateway.support.FakeServicesResource;
import id.atensi.local.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** The console module's files as the gateway serves them: without a token, typed, revalidated, under the page's policy. */
@QuarkusTest
@WithTestResource(FakeServicesResource.class)
class ConsoleTest {

    private static final String ISSUER_ORIGIN = "https://atensi.local";

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
    void theApiKeepsItsOwnPolicy() {
        given().when().get("/api/v1/beneficiaries/1")
                .then().statusCode(401).header("Content-Security-Policy", equalTo("default-src 'none'; frame-ancestors 'none'"));
    }
}
