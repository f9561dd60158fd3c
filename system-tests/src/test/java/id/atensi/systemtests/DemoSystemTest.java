package id.atensi.systemtests;

import id.atensi.local.demo.DemoLoader;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo of {@code ./atensi demo} (deploy/local, id.atensi.local.demo) loaded into the whole platform through the
 * gateway: the five stories' figures come out of the API exactly, the 2,000 synthetic people are there, every demo user
 * logs in and reaches what its role allows and nothing of another unit or partner, and a second load changes nothing.
 */
@ExtendWith(SharedPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoSystemTest {

    private final RunningPlatform platform = SharedPlatform.get();

    /** The first load, made once for every test class that reads the demo (LoadedDemo). */
    private DemoLoader.Result loaded() {
        return LoadedDemo.get(platform);
    }

    private static String token(String user) {
        return LoadedDemo.token(user);
    }

    @Test
    @Order(1)
    void theLoadReportsItsProgressStoryByStory() {
        String progress = LoadedDemo.progress(platform);
        assertTrue(progress.contains("Service units: 4"), progress);
        assertTrue(progress.contains("Partners: 33"), progress);
        assertTrue(progress.contains("People: 2000"), progress);
        assertTrue(progress.contains("Rakornas aid: 5 of 5"), progress);
        assertTrue(progress.contains("Demo loaded in"), progress);
    }

    @Test
    @Order(2)
    void penaClassesHold179Residents64GraduatedFamiliesAnd303Companions() {
        String manager = token(DemoLoader.MANAGER);
        String programme = programme(manager, "PENA workshop, Sentra Mulya Jaya");
        given().auth().oauth2(manager).when().get("/api/v1/training/programmes/{id}/report", programme)
                .then().statusCode(200)
                .body("classCount", equalTo(6))
                .body("totals.participants", equalTo(546))
                .body("totals.participantsByAudience.RESIDENT", equalTo(179))
                .body("totals.participantsByAudience.GRADUATED_KPM_FAMILY", equalTo(64))
                .body("totals.participantsByAudience.SOCIAL_COMPANION", equalTo(303))
                .body("classes.find { it.title == 'Cooking' }.totals.participants", equalTo(133))
                .body("classes.find { it.title == 'Sewing hotel sandals' }.totals.participants", equalTo(46));
    }

    @Test
    @Order(3)
    void pangudiLuhurHas58VirtualParticipantsAndTaliMeiwaCertifiesNineOfTwelveEachWithAnOwnBusiness() {
        String manager = token(DemoLoader.MANAGER);
        given().auth().oauth2(manager).when().get("/api/v1/training/programmes/{id}/report", programme(manager, "Pangudi Luhur x Pertamina Lubricants 2020"))
                .then().statusCode(200).body("classCount", equalTo(3)).body("totals.participants", equalTo(58))
                .body("totals.participantsByAudience.PARTNER_STAFF", equalTo(58)).body("totals.latestOutcomes.OWN_BUSINESS", equalTo(1));
        given().auth().oauth2(manager).when().get("/api/v1/training/programmes/{id}/report",
                        programme(manager, "Tali meiwa bags, Kilang Pertamina Plaju x BPJS Ketenagakerjaan"))
                .then().statusCode(200).body("totals.participants", equalTo(12)).body("totals.completed", equalTo(9))
                .body("totals.notCompleted", equalTo(3)).body("totals.latestOutcomes.OWN_BUSINESS", equalTo(1));
    }

    @Test
    @Order(4)
    void rakornasAidIsExactlyRp325MillionDeliveredToFiveScavengerCommunities() {
        String manager = token(DemoLoader.MANAGER);
        JsonPath programme = aidProgramme(manager);
        assertEquals(325_000_000L, programme.getLong("budgetIdr"));
        assertEquals(325_000_000L, programme.getLong("deliveredIdr"));
        assertEquals(0L, programme.getLong("remainingIdr"));
        given().auth().oauth2(manager).when().get("/api/v1/aid/reports/totals?by=programme&programmeId={p}", programme.getString("id"))
                .then().statusCode(200).body("[0].distributions", equalTo(5)).body("[0].deliveredIdr", equalTo(325_000_000));
        String mou = given().auth().oauth2(manager).when().get("/api/v1/agreements?q={n}", "MOU/RAKORNAS/2020/LKS")
                .then().statusCode(200).extract().path("items[0].id");
        given().auth().oauth2(manager).when().get("/api/v1/agreements/{id}", mou).then().statusCode(200).body("committedIdr", equalTo(325_000_000));
    }

    @Test
    @Order(5)
    void twoThousandSyntheticPeopleAreRegisteredInTheUnitsAndWithTheCoachingLks() {
        DemoLoader.Result result = loaded();
        String admin = token(DemoLoader.ADMIN);
        long people = 0;
        for (String unit : result.units().values()) {
            people += total(admin, "/api/v1/beneficiaries?serviceUnitId=" + unit);
        }
        for (String lks : List.of("kumala", "suara-peduli", "erbe", "balarenik")) {
            people += total(admin, "/api/v1/beneficiaries?partnerId=" + result.partners().get(lks));
        }
        assertEquals(2_000, people);
        assertEquals(669, total(admin, "/api/v1/beneficiaries?serviceUnitId=" + result.units().get("mulya-jaya")));
    }

    @Test
    @Order(6)
    void everyDemoUserLogsInAndAnOfficerReachesOnlyItsUnit() {
        DemoLoader.Result result = loaded();
        for (DemoLoader.DemoUser user : result.users()) {
            assertFalse(token(user.username()).isBlank(), user.username());
        }
        String officer = token("officer-mulya-jaya");
        String mulyaJaya = result.units().get("mulya-jaya");
        given().auth().oauth2(officer).when().get("/api/v1/beneficiaries?size=200")
                .then().statusCode(200).body("total", equalTo(669)).body("items.serviceUnitId", everyItem(equalTo(mulyaJaya)));
        String elsewhere = firstBeneficiary(token(DemoLoader.ADMIN), "serviceUnitId=" + result.units().get("budi-perkasa"));
        given().auth().oauth2(officer).when().get("/api/v1/beneficiaries/{id}", elsewhere).then().statusCode(404);
        given().auth().oauth2(officer).when().get("/api/v1/training/classes?hostUnitId={u}", mulyaJaya)
                .then().statusCode(200).body("total", equalTo(6));
    }

    @Test
    @Order(7)
    void aPartnerUserSeesOnlyItsOwnPartnersRecords() {
        DemoLoader.Result result = loaded();
        String kumala = result.partners().get("kumala");
        String suaraPeduli = result.partners().get("suara-peduli");
        String partner = token("partner-kumala");
        given().auth().oauth2(partner).when().get("/api/v1/beneficiaries?size=200")
                .then().statusCode(200).body("total", equalTo(16)).body("items.partnerIds", everyItem(hasItem(kumala)));
        String theirs = firstBeneficiary(token(DemoLoader.ADMIN), "partnerId=" + suaraPeduli);
        given().auth().oauth2(partner).when().get("/api/v1/beneficiaries/{id}", theirs).then().statusCode(404);
        given().auth().oauth2(partner).when().get("/api/v1/community-groups?coachingPartnerId={p}", kumala)
                .then().statusCode(200).body("total", equalTo(2));
        given().auth().oauth2(partner).when().get("/api/v1/aid/distributions?size=200")
                .then().statusCode(200).body("total", equalTo(2)).body("items.channellingPartnerId", everyItem(equalTo(kumala)));
        given().auth().oauth2(partner).when().get("/api/v1/partners/{id}", kumala).then().statusCode(200);
        given().auth().oauth2(partner).when().get("/api/v1/partners/{id}", suaraPeduli).then().statusCode(404);
    }

    @Test
    @Order(8)
    void theManagerAndAuditorReadButChangeNothingAndTheViewerSeesNoNik() {
        DemoLoader.Result result = loaded();
        String manager = token(DemoLoader.MANAGER);
        given().auth().oauth2(manager).contentType("application/json").body("{\"name\":\"Balai Manager\",\"kind\":\"BALAI\",\"provinceCode\":\"32\"}")
                .when().post("/api/v1/service-units").then().statusCode(403);
        given().auth().oauth2(token(DemoLoader.AUDITOR)).when().get("/api/v1/aid/reports/totals?by=partner").then().statusCode(200);
        given().auth().oauth2(token(DemoLoader.VIEWER)).when().get("/api/v1/beneficiaries?serviceUnitId={u}&size=5", result.units().get("phala-martha"))
                .then().statusCode(200).body("items[0].nik", containsString("*"));
    }

    @Test
    @Order(9)
    void aSecondLoadChangesNothing() {
        DemoLoader.Result first = loaded();
        Map<String, Object> before = snapshot(first);
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        DemoLoader.Result second = LoadedDemo.loader(platform, said).load();
        String again = said.toString(StandardCharsets.UTF_8);
        assertEquals(first.units(), second.units());
        assertEquals(first.partners(), second.partners());
        assertEquals(before, snapshot(second));
        assertTrue(again.contains("People: 2000 (0 new, 2000 known already)"), again);
        assertTrue(again.contains("Service units: 4 (0 new)") && again.contains("Partners: 33 (0 new)") && again.contains("0 new links"), again);
    }

    /** Every count and version a load could change, read as the admin. */
    private Map<String, Object> snapshot(DemoLoader.Result result) {
        String admin = token(DemoLoader.ADMIN);
        Map<String, Object> figures = new LinkedHashMap<>();
        for (String path : List.of("/api/v1/service-units", "/api/v1/partners", "/api/v1/agreements", "/api/v1/beneficiaries", "/api/v1/community-groups",
                "/api/v1/training/programmes", "/api/v1/training/classes", "/api/v1/aid/items", "/api/v1/aid/programmes", "/api/v1/aid/distributions")) {
            figures.put(path, total(admin, path));
        }
        for (String unit : result.units().values()) {
            figures.put("network " + unit, given().auth().oauth2(admin).when().get("/api/v1/service-units/{id}/partners", unit)
                    .then().statusCode(200).extract().jsonPath().getList("partnerId").size());
        }
        // Lists carry no versions: each record's ETag is its version, which any change would raise.
        for (String path : List.of("/api/v1/training/classes", "/api/v1/agreements", "/api/v1/aid/distributions")) {
            for (String id : given().auth().oauth2(admin).when().get(path + "?size=200").then().statusCode(200).extract().jsonPath().<String>getList("items.id")) {
                String etag = given().auth().oauth2(admin).when().get(path + "/{id}", id).then().statusCode(200).extract().header("ETag");
                figures.put(path + "/" + id, etag + (path.endsWith("classes") ? " " + total(admin, path + "/" + id + "/enrolments") : ""));
            }
        }
        figures.put("aid", aidProgramme(admin).getString("deliveredIdr"));
        return figures;
    }

    private static long total(String token, String path) {
        return given().auth().oauth2(token).when().get(path + (path.contains("?") ? "&" : "?") + "size=1")
                .then().statusCode(200).extract().jsonPath().getLong("total");
    }

    private static String firstBeneficiary(String token, String filter) {
        return given().auth().oauth2(token).when().get("/api/v1/beneficiaries?size=1&" + filter).then().statusCode(200).extract().path("items[0].id");
    }

    private static String programme(String token, String title) {
        return given().auth().oauth2(token).when().get("/api/v1/training/programmes?size=200").then().statusCode(200)
                .extract().path("items.find { it.title == '" + title + "' }.id");
    }

    private static JsonPath aidProgramme(String token) {
        String name = DemoLoader.stories().getJsonObject("aid").getJsonObject("programme").getString("name");
        String id = given().auth().oauth2(token).when().get("/api/v1/aid/programmes?size=200").then().statusCode(200)
                .extract().path("items.find { it.name == '" + name + "' }.id");
        return given().auth().oauth2(token).when().get("/api/v1/aid/programmes/{id}", id).then().statusCode(200).extract().jsonPath();
    }
}
