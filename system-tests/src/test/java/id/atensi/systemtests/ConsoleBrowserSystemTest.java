package id.atensi.systemtests;

import id.atensi.testing.TestInfrastructure;
import id.atensi.testing.TestKeycloak;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static id.atensi.systemtests.PlatformFixtures.agreement;
import static id.atensi.systemtests.PlatformFixtures.as;
import static id.atensi.systemtests.PlatformFixtures.eventually;
import static id.atensi.systemtests.PlatformFixtures.lksPartner;
import static id.atensi.systemtests.PlatformFixtures.openClass;
import static id.atensi.systemtests.PlatformFixtures.serviceUnit;
import static id.atensi.systemtests.PlatformFixtures.trainingProgramme;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * The web console at /console/ on the gateway, used in a real headless browser (Debian's chromium driven by
 * playwright-core, tools/browser/console.mjs) against the test run's Keycloak: an officer logs in (authorization
 * code with PKCE), finds a person, registers one (a refused NIK shown at its field, then corrected), reads the case
 * file with its timeline and enrols the person into a class, starts the class and records a session's attendance,
 * proposes aid for the person, which an administrator approves in the console, and dispatches and delivers it with a
 * proof photo, which the distribution's page then shows (or, when the file cannot be read, the error with the request
 * id); a partner never sees another partner's person, in a
 * search or by the case file's address. axe-core checks each main screen; screenshots are kept under
 * system-tests/target/browser/console/. Every record is made here through the API, none taken from demo data.
 */
@ExtendWith(SharedPlatform.class)
class ConsoleBrowserSystemTest {

    private static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(5);
    private static final String CONSOLE_CLIENT = "atensi-console";
    /** The console's budget of compressed JavaScript for a first load (issue 23). */
    private static final long SCRIPT_BUDGET_BYTES = 500 * 1024;
    private static final int PROOF_WIDTH = 64;
    private static final int PROOF_HEIGHT = 48;

    private final RunningPlatform platform = SharedPlatform.get();
    private final Random random = new Random(23);

    /** Never skips: a machine without the browser tools fails and is told what to install. */
    @BeforeAll
    static void requireBrowserTools() {
        BrowserScript.requireTools("playwright-core", "axe-core");
    }

    /** A NIK agreeing with the birth date and sex (day + 40 for women), with a serial from the test's seed. */
    private String nik(String birthDate, boolean woman) {
        int day = Integer.parseInt(birthDate.substring(8, 10)) + (woman ? 40 : 0);
        return "320101%02d%s%s%04d".formatted(day, birthDate.substring(5, 7), birthDate.substring(2, 4), 1 + random.nextInt(9999));
    }

    private String person(String officer, String unitId, String partnerId, String fullName) {
        String id = eventually(() -> as(officer).body(Map.of("fullName", fullName, "nik", nik("1988-04-17", false),
                        "birthDate", "1988-04-17", "sex", "MALE", "serviceUnitId", unitId, "partnerIds", List.of(partnerId)))
                .post("/api/v1/beneficiaries").then().statusCode(201).extract().path("id"));
        // A partner reads a person only with the person's consent to sharing (docs/personal-data.md).
        as(officer).body(Map.of("purpose", "PARTNER_SHARING", "given", true, "evidence", Map.of("formReference", "CONSOLE/" + id)))
                .post("/api/v1/beneficiaries/{id}/consents", id).then().statusCode(201);
        return id;
    }

    @Test
    void anOfficerWalksTheMainPathAndAPartnerNeverSeesAnotherPartnersPerson() {
        TestKeycloak keycloak = TestInfrastructure.keycloak();
        keycloak.admin().addRedirectUri(CONSOLE_CLIENT, platform.gatewayUrl() + "/console/");

        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String unitId = serviceUnit("Konsol " + suffix);
        String partnerA = lksPartner("Konsol A " + suffix);
        String partnerB = lksPartner("Konsol B " + suffix);
        String officerToken = KeycloakTokens.officer(unitId);
        agreement(officerToken, unitId, partnerA, "Konsol " + suffix);
        String classTitle = "Kelas Menjahit " + suffix;
        openClass(officerToken, trainingProgramme("Menjahit " + suffix), unitId, partnerA, classTitle);

        String aidProgrammeName = "Bantuan Konsol " + suffix;
        as(KeycloakTokens.admin()).body(Map.of("name", aidProgrammeName, "kind", "SOCIAL_AID",
                        "periodStart", PlatformFixtures.A_YEAR_AGO, "periodEnd", PlatformFixtures.IN_A_YEAR,
                        "fundingSources", List.of(Map.of("kind", "STATE_BUDGET", "amountIdr", 100_000_000L))))
                .post("/api/v1/aid/programmes").then().statusCode(201);
        String aidItemName = "Paket sembako " + suffix;
        as(KeycloakTokens.admin()).body(Map.of("code", "KS-" + suffix, "name", aidItemName, "unit", "paket",
                        "category", "STAPLE_FOOD_PACKAGE", "amountIdr", 325_000L))
                .post("/api/v1/aid/items").then().statusCode(201);
        byte[] proofFile = jpeg(random);
        // An id no file has: the page's request for the proof is sent for it, and the API answers 404.
        String missingProofFileId = UUID.nameUUIDFromBytes(("no proof file " + suffix).getBytes(StandardCharsets.UTF_8)).toString();

        String existingName = "Sri Lestari " + suffix;
        String existingId = person(officerToken, unitId, partnerA, existingName);
        String sharedName = "Wulandari " + suffix;
        String ownPersonId = person(officerToken, unitId, partnerA, "Ani " + sharedName);
        String otherPersonId = person(officerToken, unitId, partnerB, "Budi " + sharedName);

        String password = "Console-" + UUID.randomUUID();
        String officerUser = "console-officer-" + suffix;
        String partnerUser = "console-partner-" + suffix;
        keycloak.admin().ensureUser(officerUser, password, "officer", Map.of("unit_id", unitId));
        keycloak.admin().ensureUser(partnerUser, password, "partner", Map.of("partner_id", partnerA));
        String adminUser = "console-admin-" + suffix;
        keycloak.admin().ensureUser(adminUser, password, "admin", Map.of());

        String newName = "Rahayu Ningsih " + suffix;
        String birthDate = "1985-03-12";
        Map<String, Object> scenario = Map.ofEntries(
                Map.entry("officer", Map.of("username", officerUser, "password", password)),
                Map.entry("partner", Map.of("username", partnerUser, "password", password)),
                Map.entry("admin", Map.of("username", adminUser, "password", password)),
                Map.entry("aidProgrammeName", aidProgrammeName),
                Map.entry("aidItemName", aidItemName),
                Map.entry("proof", Map.of("receivedBy", "Rahayu Ningsih", "place", "Balai Konsol " + suffix,
                        "fileName", "tanda-terima.jpg", "base64", Base64.getEncoder().encodeToString(proofFile))),
                Map.entry("missingProofFileId", missingProofFileId),
                Map.entry("existingName", existingName),
                Map.entry("newPerson", Map.of("fullName", newName, "badNik", "3201015203", "nik", nik(birthDate, true),
                        "birthDate", birthDate, "sex", "FEMALE")),
                Map.entry("classTitle", classTitle),
                Map.entry("sharedName", sharedName),
                Map.entry("otherPartnersPersonId", otherPersonId));
        JsonPath report = runBrowser(scenario);

        assertThat("script errors on the pages", report.getList("pageErrors"), empty());
        JsonPath officer = JsonPath.from(report.prettify()).setRootPath("officer");
        assertThat("the login page is the realm's", officer.getString("login.page"), equalTo(keycloak.issuer() + "/protocol/openid-connect/auth"));
        assertThat(officer.getString("login.clientId"), equalTo(CONSOLE_CLIENT));
        assertThat("PKCE challenge", officer.getString("login.codeChallengeMethod"), equalTo("S256"));
        assertThat(officer.getString("login.redirectUri"), equalTo(platform.gatewayUrl() + "/console/"));
        assertThat("code traded for a token", officer.getInt("login.tokenStatus"), equalTo(200));
        assertThat("PKCE verifier sent with the code", officer.getBoolean("login.codeVerifierSent"), is(true));
        assertThat("the officer lands on the search", officer.getString("firstHeading"), equalTo("Cari penerima manfaat"));

        assertThat("search by name finds the person", officer.getList("searchResults.id"), hasItem(existingId));
        assertThat(officer.getList("searchResults.name"), hasItem(existingName));

        assertThat("the refused NIK is marked at its field", officer.getString("fieldError.invalid"), equalTo("true"));
        assertThat("the API's words at the field", officer.getString("fieldError.text"), containsString("16 digits"));
        assertThat("the failure in words with the request id", officer.getString("fieldError.alert"), containsString("ID permintaan:"));

        String newId = officer.getString("caseFile.id");
        assertThat("the case file shows the registered person", officer.getString("caseFile.heading"), equalTo(newName));
        assertThat("the timeline starts with the registration", officer.getList("caseFile.timeline", String.class),
                hasItem(containsString("Didaftarkan")));
        as(KeycloakTokens.admin()).get("/api/v1/beneficiaries/{id}", newId).then().statusCode(200)
                .body("fullName", equalTo(newName)).body("serviceUnitId", equalTo(unitId));

        assertThat("nothing wider than a phone's screen", officer.getInt("phone.scrollWidth"),
                lessThanOrEqualTo(officer.getInt("phone.viewportWidth")));

        assertThat("enrolment answered " + officer.getString("enrol.shown"), officer.getInt("enrol.status"), equalTo(201));
        assertThat(officer.getString("enrol.shown"), containsString(classTitle));
        List<String> enrolled = as(KeycloakTokens.admin()).get("/api/v1/training/classes?size=200").then().statusCode(200)
                .extract().path("items.findAll { it.title == '" + classTitle + "' }.id");
        as(KeycloakTokens.admin()).get("/api/v1/training/classes/{id}/enrolments", enrolled.get(0)).then().statusCode(200)
                .body("items.beneficiaryId", hasItem(newId));

        assertThat("the class started from its page", officer.getString("classStarted"), containsString("Berjalan"));
        assertThat("the register saved", officer.getString("attendance"), equalTo("Kehadiran 1 peserta tersimpan."));
        String sessionId = as(KeycloakTokens.admin()).get("/api/v1/training/classes/{id}/sessions", enrolled.get(0))
                .then().statusCode(200).extract().path("[0].id");
        as(KeycloakTokens.admin()).get("/api/v1/training/classes/{id}/sessions/{session}/attendance", enrolled.get(0), sessionId)
                .then().statusCode(200).body("status", equalTo(List.of("PRESENT")));

        assertThat("the proposal answered", officer.getInt("proposal.status"), equalTo(201));
        assertThat("the proof photo uploaded", officer.getInt("upload.status"), equalTo(201));
        assertThat("as the photo it is", officer.getString("upload.contentType"), equalTo("image/jpeg"));
        assertThat("the delivery shown without an error: " + officer.getString("delivery.shown"), officer.getInt("delivery.error"), equalTo(0));
        String distributionId = officer.getString("proposal.id");
        String fileReference = as(KeycloakTokens.admin()).get("/api/v1/aid/distributions/{id}", distributionId).then().statusCode(200)
                .body("status", equalTo("DELIVERED"))
                .body("recipientId", equalTo(newId))
                .body("deliveredIdr", equalTo(325_000))
                .body("proof.fileReference", startsWith("/api/v1/aid/distributions/" + distributionId + "/proof-files/"))
                .body("proof.fileSha256", equalTo(sha256(proofFile)))
                .body("approvedBy", notNullValue())
                .extract().path("proof.fileReference");
        byte[] stored = as(KeycloakTokens.admin()).get(fileReference).then().statusCode(200).contentType("image/jpeg")
                .extract().asByteArray();
        assertThat("the stored proof is the photo chosen in the browser", sha256(stored), equalTo(sha256(proofFile)));
        assertThat("the page shows the stored photo, decoded: " + officer.getMap("proofShown"), officer.getBoolean("proofShown.decoded"), is(true));
        assertThat("from a blob: address, fetched with the token", officer.getString("proofShown.scheme"), equalTo("blob:"));
        assertThat("as wide as the photo uploaded", officer.getInt("proofShown.naturalWidth"), equalTo(PROOF_WIDTH));
        assertThat("as high as the photo uploaded", officer.getInt("proofShown.naturalHeight"), equalTo(PROOF_HEIGHT));
        assertThat("with a text alternative naming who received it", officer.getString("proofShown.alt"), containsString("Rahayu Ningsih"));
        assertThat("and a link to open it", officer.getBoolean("proofShown.link"), is(true));
        assertThat("a proof file that cannot be read is said in words", officer.getString("proofFailed.error"),
                startsWith("Tidak ditemukan, atau di luar jangkauan Anda."));
        assertThat("with the request id", officer.getString("proofFailed.error"), containsString("ID permintaan:"));
        assertThat("and no image", officer.getInt("proofFailed.images"), equalTo(0));

        assertThat("the language switch", officer.getString("english.heading"), equalTo("Distribution"));
        assertThat(officer.getString("english.lang"), equalTo("en"));
        assertThat("the dashboard's sections", officer.getList("dashboardSections", String.class),
                hasItems("Penerima manfaat", "Pelatihan", "Bantuan"));

        JsonPath partner = JsonPath.from(report.prettify()).setRootPath("partner");
        assertThat("the partner finds its own person", partner.getList("searchResults.id"), hasItem(ownPersonId));
        assertThat("the partner never sees the other partner's person", partner.getList("searchResults.id"), not(hasItem(otherPersonId)));
        assertThat(partner.getList("searchResults.name", String.class), everyItem(not(containsString("Budi"))));
        assertThat("the other partner's case file is not found", partner.getString("otherCaseFile.error"),
                startsWith("Tidak ditemukan, atau di luar jangkauan Anda."));
        assertThat(partner.getString("otherCaseFile.error"), containsString("ID permintaan:"));
        assertThat(partner.getInt("otherCaseFile.facts"), equalTo(0));

        List<String> screens = report.getList("axeChecked", String.class);
        assertThat(screens, hasItems("search", "search-results", "register-with-errors", "case-file", "case-file-phone", "enrol",
                "class", "attendance", "aid-proposal", "aid-delivery", "aid-delivered", "dashboard", "not-found"));
        // A proposal or enrolment sent before the service has heard of the new person is refused (422) and sent again.
        List<String> failed = report.getList("failedResponses", String.class).stream()
                .filter(line -> !line.startsWith("422 POST ")).toList();
        // The browser may report the rerouted request under the address the page asked for or the one sent.
        String proofFailure = "404 GET /api/v1/aid/distributions/" + distributionId + "/proof-files/";
        assertThat("the unreadable proof file's request failed", failed, hasItem(startsWith(proofFailure)));
        failed = failed.stream().filter(line -> !line.startsWith(proofFailure)).toList();
        // The case file and its timeline are asked for at once, so their refusals come in either order.
        assertThat("the only other failed requests are the refused NIK and the other partner's case file",
                failed, containsInAnyOrder("400 POST /api/v1/beneficiaries",
                        "404 GET /api/v1/beneficiaries/" + otherPersonId, "404 GET /api/v1/beneficiaries/" + otherPersonId + "/timeline"));
        for (String screen : screens) {
            assertThat("axe-core's serious and critical violations on " + screen, report.getList("axe." + screen), empty());
        }

        long scriptBytes = report.getList("load.scripts.bytes", Integer.class).stream().mapToLong(Integer::longValue).sum();
        assertThat("scripts of the first load", report.getList("load.scripts"), not(empty()));
        assertThat("compressed JavaScript of the first load", scriptBytes, lessThan(SCRIPT_BUDGET_BYTES));
        assertThat("every script of the first load came gzip-compressed", report.getList("load.scripts.encoding", String.class),
                everyItem(equalTo("gzip")));
    }

    /** A small JPEG photo of random colours (the service checks that a proof's bytes are the type they claim). */
    private static byte[] jpeg(Random random) {
        BufferedImage image = new BufferedImage(PROOF_WIDTH, PROOF_HEIGHT, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonPath runBrowser(Map<String, Object> scenario) {
        return new BrowserScript("console.mjs", platform, "console").scenario(scenario).timeout(BROWSER_TIMEOUT).run();
    }
}
