package id.atensi.aid.rest;

import id.atensi.aid.DistributionFixtures;
import id.atensi.aid.ProgrammeFixtures;
import id.atensi.aid.ReadModelFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.RawHttp;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static id.atensi.aid.DistributionFixtures.act;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class ProofFileTest {

    private static final String FILES = "/api/v1/aid/distributions/{id}/proof-files";
    private static final long LIMIT = 5L * 1024 * 1024;

    /** A photo's worth of bytes behind a JPEG signature; the seed keeps the file, and so its checksum, the same each run. */
    private static byte[] jpeg(int size, long seed) {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        content[0] = (byte) 0xFF;
        content[1] = (byte) 0xD8;
        content[2] = (byte) 0xFF;
        content[3] = (byte) 0xE0;
        return content;
    }

    private static byte[] png() {
        byte[] content = jpeg(2048, 7);
        System.arraycopy(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, content, 0, 8);
        return content;
    }

    private static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static ValidatableResponse upload(String token, String distributionId, String contentType, byte[] content) {
        return given().auth().oauth2(token).contentType(contentType).body(content).post(FILES, distributionId).then();
    }

    /** A distribution to a household of UNIT_A, approved and dispatched: ready for its proof. */
    private static String dispatched() {
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 250_000);
        String id = DistributionFixtures.proposed(programme, item, 2);
        act(DistributionFixtures.APPROVER, id, "approve").statusCode(200);
        act(TestTokens.officer(), id, "dispatch").statusCode(200);
        return id;
    }

    private static Map<String, Object> proofWithFile(String fileId, String sha) {
        Map<String, Object> proof = new HashMap<>(Map.of("receivedBy", "Ketua kelompok", "receivedAt", "2026-03-05T10:00:00+07:00",
                "place", "Bantargebang, Bekasi", "proofFileId", fileId));
        if (sha != null) {
            proof.put("fileSha256", sha);
        }
        return Map.of("proof", proof);
    }

    @Test
    void anOfficerUploadsAPhotoReadsItBackAndDeliversWithIt() throws Exception {
        String distribution = dispatched();
        byte[] photo = jpeg(300_000, 42);
        String sha = sha256(photo);

        var created = upload(TestTokens.officer(), distribution, "image/jpeg", photo).statusCode(201)
                .body("sha256", equalTo(sha)).body("contentType", equalTo("image/jpeg")).body("sizeBytes", equalTo(300_000))
                .body("distributionId", equalTo(distribution)).extract();
        String fileId = created.path("id");
        String reference = created.path("fileReference");
        assertEquals(FILES.replace("{id}", distribution) + "/" + fileId, reference);
        assertTrue(created.header("Location").endsWith(reference), created.header("Location"));
        given().auth().oauth2(TestTokens.officer()).get(FILES, distribution).then().statusCode(200)
                .body("", hasSize(1)).body("[0].id", equalTo(fileId)).body("[0].sha256", equalTo(sha));

        byte[] read = given().auth().oauth2(TestTokens.auditor()).get(reference).then().statusCode(200)
                .contentType("image/jpeg").header("ETag", "\"" + sha + "\"").extract().asByteArray();
        assertArrayEquals(photo, read);

        act(TestTokens.officer(), distribution, "deliver", proofWithFile(fileId, null)).statusCode(200)
                .body("status", equalTo("DELIVERED"))
                .body("proof.fileReference", equalTo(reference))
                .body("proof.fileSha256", equalTo(sha));
    }

    @Test
    void aPngAndAPdfAreTakenByTheirFirstBytesAndADeliveryMaySendTheMatchingChecksum() throws Exception {
        String distribution = dispatched();
        upload(TestTokens.officer(), distribution, "image/png", png()).statusCode(201).body("contentType", equalTo("image/png"));
        String pdf = upload(TestTokens.officer(), distribution, "application/pdf", PDF).statusCode(201)
                .body("contentType", equalTo("application/pdf")).body("sha256", equalTo(sha256(PDF))).extract().path("id");
        byte[] read = given().auth().oauth2(TestTokens.officer()).get(FILES + "/{file}", distribution, pdf).then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        assertArrayEquals(PDF, read);
        act(TestTokens.officer(), distribution, "deliver", proofWithFile(pdf, sha256(PDF).toUpperCase())).statusCode(200)
                .body("proof.fileSha256", equalTo(sha256(PDF)));
    }

    @Test
    void aFileThatIsNotWhatItsTypeSaysIsRefusedWith415() {
        String distribution = dispatched();
        upload(TestTokens.officer(), distribution, "image/png", jpeg(1024, 1)).statusCode(415)
                .contentType("application/problem+json").body("code", equalTo("unsupported-media-type"))
                .body("detectedType", equalTo("image/jpeg"));
        upload(TestTokens.officer(), distribution, "image/jpeg", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8))
                .statusCode(415).body("code", equalTo("unsupported-media-type"));
        upload(TestTokens.officer(), distribution, "text/plain", "a note".getBytes(StandardCharsets.UTF_8))
                .statusCode(415).contentType("application/problem+json").body("code", equalTo("unsupported-media-type"));
        upload(TestTokens.officer(), distribution, "image/gif", "GIF89a....".getBytes(StandardCharsets.US_ASCII))
                .statusCode(415).body("code", equalTo("unsupported-media-type"));
        given().auth().oauth2(TestTokens.officer()).get(FILES, distribution).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void anEmptyBodyIsRefusedWith400() {
        upload(TestTokens.officer(), dispatched(), "image/jpeg", new byte[0]).statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("validation")).body("errors[0].field", equalTo("body"));
    }

    @Test
    void aFileOverTheLimitIsRefusedWith413BeforeItsBodyIsRead() throws IOException {
        String distribution = dispatched();
        // the head declares one byte over 5 MB and not a byte of the body is sent: the answer comes all the same
        String response = raw("POST " + FILES.replace("{id}", distribution) + " HTTP/1.1\r\nContent-Type: image/jpeg\r\n"
                + "X-Request-Id: proof-413-declared\r\nContent-Length: " + (LIMIT + 1) + "\r\n", out -> {
        });
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        assertTrue(response.contains("application/problem+json"), response);
        assertTrue(response.contains("\"code\":\"payload-too-large\""), response);
        assertTrue(response.toLowerCase(Locale.ROOT).contains("x-request-id: proof-413-declared"), response);
        assertTrue(response.contains("\"requestId\":\"proof-413-declared\""), response);
        given().auth().oauth2(TestTokens.officer()).get(FILES, distribution).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void aBodyWithoutLengthIsRefusedWith413OnceItPassesTheLimit() throws IOException {
        String distribution = dispatched();
        byte[] chunk = jpeg(64 * 1024, 3);
        String response = raw("POST " + FILES.replace("{id}", distribution) + " HTTP/1.1\r\nContent-Type: image/jpeg\r\n"
                + "X-Request-Id: proof-413-counted\r\nTransfer-Encoding: chunked\r\n", out -> {
            for (int i = 0; i < LIMIT / chunk.length + 2; i++) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        });
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        assertTrue(response.contains("\"code\":\"payload-too-large\""), response);
        assertTrue(response.toLowerCase(Locale.ROOT).contains("x-request-id: proof-413-counted"), response);
        assertTrue(response.contains("\"requestId\":\"proof-413-counted\""), response);
        given().auth().oauth2(TestTokens.officer()).get(FILES, distribution).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void anUnknownDistributionOrFileIsNotFound() {
        String unknown = "3f0e8a2c-1b6d-4c1e-9a7f-000000000404";
        upload(TestTokens.officer(), unknown, "image/jpeg", jpeg(512, 5)).statusCode(404).body("code", equalTo("not-found"));
        given().auth().oauth2(TestTokens.officer()).get(FILES, unknown).then().statusCode(404);
        String distribution = dispatched();
        given().auth().oauth2(TestTokens.officer()).get(FILES + "/{file}", distribution, unknown).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aPartnerReachesTheFilesOfWhatItChannelsAndAnotherPartnerGets404() {
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        String item = ProgrammeFixtures.item("EQUIPMENT", 1_000_000);
        String lks = ReadModelFixtures.partner();
        String other = ReadModelFixtures.partner();
        String distribution = DistributionFixtures.propose(TestTokens.partner(lks),
                DistributionFixtures.proposal(programme, "COMMUNITY_GROUP", ReadModelFixtures.group(), item, 1)).statusCode(201).extract().path("id");
        act(DistributionFixtures.APPROVER, distribution, "approve").statusCode(200);
        act(TestTokens.partner(lks), distribution, "dispatch").statusCode(200);

        String file = upload(TestTokens.partner(lks), distribution, "image/jpeg", jpeg(4096, 11)).statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.partner(lks)).get(FILES + "/{file}", distribution, file).then().statusCode(200);

        upload(TestTokens.partner(other), distribution, "image/jpeg", jpeg(4096, 12)).statusCode(404).body("code", equalTo("not-found"));
        given().auth().oauth2(TestTokens.partner(other)).get(FILES, distribution).then().statusCode(404);
        given().auth().oauth2(TestTokens.partner(other)).get(FILES + "/{file}", distribution, file).then().statusCode(404)
                .body("code", equalTo("not-found"));
        given().auth().oauth2(TestTokens.officer(TestTokens.UNIT_B)).get(FILES + "/{file}", distribution, file).then().statusCode(404);
        given().auth().oauth2(TestTokens.viewer()).get(FILES + "/{file}", distribution, file).then().statusCode(403);
        given().auth().oauth2(TestTokens.auditor()).contentType("image/jpeg").body(jpeg(100, 1)).post(FILES, distribution).then().statusCode(403);
    }

    @Test
    void aPartnerReadsAPersonsProofFileOnlyWithTheirConsent() {
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        String item = ProgrammeFixtures.item("EQUIPMENT", 1_000_000);
        String lks = ReadModelFixtures.partner();
        String person = ReadModelFixtures.beneficiary("ACTIVE");
        String distribution = DistributionFixtures.propose(TestTokens.partner(lks),
                DistributionFixtures.proposal(programme, "PERSON", person, item, 1)).statusCode(201).extract().path("id");
        act(DistributionFixtures.APPROVER, distribution, "approve").statusCode(200);
        act(TestTokens.partner(lks), distribution, "dispatch").statusCode(200);
        String file = upload(TestTokens.partner(lks), distribution, "image/jpeg", jpeg(4096, 21)).statusCode(201).extract().path("id");

        given().auth().oauth2(TestTokens.partner(lks)).get(FILES + "/{file}", distribution, file).then().statusCode(403)
                .body("rule", equalTo("personal-data-withheld"));
        given().auth().oauth2(TestTokens.partner(lks)).get(FILES, distribution).then().statusCode(403);
        ReadModelFixtures.consent(person, "PARTNER_SHARING", true);
        given().auth().oauth2(TestTokens.partner(lks)).get(FILES + "/{file}", distribution, file).then().statusCode(200);
    }

    @Test
    void uploadsAreTakenWhileTheDistributionIsDispatched() {
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        String item = ProgrammeFixtures.item("EQUIPMENT", 1_000_000);
        String proposed = DistributionFixtures.proposed(programme, item, 1);
        upload(TestTokens.officer(), proposed, "image/jpeg", jpeg(1024, 2)).statusCode(409)
                .body("code", equalTo("conflict")).body("currentStatus", equalTo("PROPOSED"));
    }

    @Test
    void aDeliveryNamingAnotherDistributionsFileOrAnotherChecksumIsRefusedWith422() throws Exception {
        String first = dispatched();
        String second = dispatched();
        byte[] photo = jpeg(2048, 31);
        String firstsFile = upload(TestTokens.officer(), first, "image/jpeg", photo).statusCode(201).extract().path("id");
        String secondsFile = upload(TestTokens.officer(), second, "image/jpeg", jpeg(2048, 32)).statusCode(201).extract().path("id");

        act(TestTokens.officer(), second, "deliver", proofWithFile(firstsFile, null)).statusCode(422)
                .body("code", equalTo("unprocessable")).body("rule", equalTo("unknown-proof-file"))
                .body("errors[0].field", equalTo("proof.proofFileId"));
        act(TestTokens.officer(), second, "deliver", proofWithFile(secondsFile, sha256(photo))).statusCode(422)
                .body("rule", equalTo("proof-checksum-mismatch")).body("errors[0].field", equalTo("proof.fileSha256"));
        DistributionFixtures.act(TestTokens.officer(), second, "deliver", proofWithFile("3f0e8a2c-1b6d-4c1e-9a7f-000000000404", null))
                .statusCode(422).body("rule", equalTo("unknown-proof-file"));
        given().auth().oauth2(TestTokens.officer()).get("/api/v1/aid/distributions/{id}", second).then().statusCode(200)
                .body("status", equalTo("DISPATCHED"));
    }

    @Test
    void aProofNamesEitherAnUploadedFileOrAReferenceWithItsChecksum() {
        String distribution = dispatched();
        String file = upload(TestTokens.officer(), distribution, "image/jpeg", jpeg(1024, 41)).statusCode(201).extract().path("id");
        Map<String, Object> both = new HashMap<>(DistributionFixtures.proof());
        both.put("proofFileId", file);
        act(TestTokens.officer(), distribution, "deliver", Map.of("proof", both)).statusCode(400)
                .body("errors[0].field", equalTo("proof.fileReference"));
        Map<String, Object> neither = new HashMap<>(DistributionFixtures.proof());
        neither.remove("fileReference");
        neither.remove("fileSha256");
        act(TestTokens.officer(), distribution, "deliver", Map.of("proof", neither)).statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("proof.fileReference", "proof.fileSha256"));
        act(TestTokens.officer(), distribution, "deliver", DistributionFixtures.delivery()).statusCode(200)
                .body("proof.fileReference", not(emptyString()));
    }

    @Test
    void theRecipientsDataSubjectDocumentListsTheirProofFilesAndErasureDeletesThem() {
        String[] programme = ProgrammeFixtures.programme(10_000_000);
        String item = ProgrammeFixtures.item("EQUIPMENT", 1_000_000);
        String person = ReadModelFixtures.beneficiary("ACTIVE");
        String distribution = DistributionFixtures.propose(TestTokens.officer(),
                DistributionFixtures.proposal(programme, "PERSON", person, item, 1)).statusCode(201).extract().path("id");
        act(DistributionFixtures.APPROVER, distribution, "approve").statusCode(200);
        act(TestTokens.officer(), distribution, "dispatch").statusCode(200);
        String file = upload(TestTokens.officer(), distribution, "image/jpeg", jpeg(2048, 51)).statusCode(201).extract().path("id");
        act(TestTokens.officer(), distribution, "deliver", proofWithFile(file, null)).statusCode(200);
        given().auth().oauth2(TestTokens.admin()).get("/internal/v1/data-subjects/{id}", person).then().statusCode(200)
                .body("proofFiles", hasSize(1)).body("proofFiles[0].id", equalTo(file))
                .body("proofFiles[0].distributionId", equalTo(distribution));

        ReadModelFixtures.erased(person, "Penerima-7F3A", "REQUEST");

        given().auth().oauth2(TestTokens.officer()).get(FILES + "/{file}", distribution, file).then().statusCode(404);
        given().auth().oauth2(TestTokens.officer()).get(FILES, distribution).then().statusCode(200).body("", hasSize(0));
        given().auth().oauth2(TestTokens.admin()).get("/internal/v1/data-subjects/{id}", person).then().statusCode(200)
                .body("proofFiles", hasSize(0));
    }

    private static String raw(String head, RawHttp.BodyWriter body) throws IOException {
        return RawHttp.exchange(head, TestTokens.officer(), body, Duration.ofSeconds(10));
    }
}
