package id.atensi.systemtests;

import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static id.atensi.systemtests.PlatformFixtures.A_YEAR_AGO;
import static id.atensi.systemtests.PlatformFixtures.IN_A_YEAR;
import static id.atensi.systemtests.PlatformFixtures.agreement;
import static id.atensi.systemtests.PlatformFixtures.as;
import static id.atensi.systemtests.PlatformFixtures.eventually;
import static id.atensi.systemtests.PlatformFixtures.lksPartner;
import static id.atensi.systemtests.PlatformFixtures.openClass;
import static id.atensi.systemtests.PlatformFixtures.serviceUnit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * Issue 9's matrix, through the gateway against the running services: for every resource family of every service,
 * the officer of unit A and partner A reach for unit B's and partner B's objects — read, list, update, state
 * transitions — and are denied (404 where the role may act but the object is not theirs, never the object), while
 * the same calls on A's own objects work. Unit B's world is built by an admin and B's own officer.
 */
@ExtendWith(SharedPlatform.class)
class AuthorisationMatrixSystemTest {

    private static World a;
    private static World b;
    private static String aidProgramme;

    /** One unit with its partner and, in every service, objects of theirs. */
    private record World(String unitId, String partnerId, String officer, String partner, String agreementId,
                         String personId, String groupId, String importId, String classId, String sessionId,
                         String enrolmentId, String distributionId) {
    }

    /** Programmes and agreements read as ended or expired once their period is over: the worlds' periods run around today. */

    @BeforeAll
    static void buildTwoWorlds() {
        String trainingProgramme = as(KeycloakTokens.admin()).body(Map.of("title", "Matrix programme " + UUID.randomUUID(),
                        "skillAreas", List.of("SEWING")))
                .post("/api/v1/training/programmes").then().statusCode(201).extract().path("id");
        var opened = as(KeycloakTokens.admin()).body(Map.of("name", "Matrix aid " + UUID.randomUUID(), "kind", "SOCIAL_AID",
                        "periodStart", A_YEAR_AGO, "periodEnd", IN_A_YEAR,
                        "fundingSources", List.of(Map.of("kind", "STATE_BUDGET", "amountIdr", 100_000_000L))))
                .post("/api/v1/aid/programmes").then().statusCode(201).extract();
        String item = as(KeycloakTokens.admin()).body(Map.of("code", "MX-" + UUID.randomUUID(), "name", "Sembako package", "unit", "package",
                        "category", "STAPLE_FOOD_PACKAGE", "amountIdr", 300_000L))
                .post("/api/v1/aid/items").then().statusCode(201).extract().path("id");
        aidProgramme = opened.path("id");
        a = world("A", trainingProgramme, aidProgramme, opened.path("fundingSources[0].id"), item);
        b = world("B", trainingProgramme, aidProgramme, opened.path("fundingSources[0].id"), item);
    }

    private static World world(String name, String trainingProgramme, String aidProgrammeId, String fundingSource, String item) {
        String suffix = name + " " + UUID.randomUUID().toString().substring(0, 8);
        String unitId = serviceUnit("Matrix " + suffix);
        String partnerId = lksPartner("Matrix " + suffix);
        String officer = KeycloakTokens.officer(unitId);
        String partner = KeycloakTokens.partner(partnerId);
        String agreementId = agreement(officer, unitId, partnerId, "Matrix " + suffix);

        String personId = eventually(() -> as(officer).body(person(unitId, partnerId))
                .post("/api/v1/beneficiaries").then().statusCode(201).extract().path("id"));
        // The partner reads the person's case file only with the person's consent to sharing (docs/personal-data.md).
        as(officer).body(Map.of("purpose", "PARTNER_SHARING", "given", true, "evidence", Map.of("formReference", "MATRIX/" + suffix)))
                .post("/api/v1/beneficiaries/{id}/consents", personId).then().statusCode(201);
        String groupId = as(officer).body(Map.of("name", "Kelompok Matrix " + suffix, "description", "Scavengers",
                        "coachingPartnerId", partnerId, "provinceCode", "32", "regencyCode", "32.02",
                        "memberIds", List.of(personId), "coordinatorId", personId, "serviceUnitId", unitId))
                .post("/api/v1/community-groups").then().statusCode(201).extract().path("id");
        String importId = uploadOneRowImport(officer);

        String classId = openClass(officer, trainingProgramme, unitId, partnerId, "Matrix class " + suffix);
        String sessionId = as(officer).get("/api/v1/training/classes/{id}/sessions", classId).then().statusCode(200)
                .extract().path("[0].id");
        String enrolmentId = eventually(() -> as(officer).body(Map.of("beneficiaryId", personId, "audience", "BENEFICIARY"))
                .post("/api/v1/training/classes/{id}/enrolments", classId).then().statusCode(201).extract().path("id"));

        String distributionId = eventually(() -> as(officer).body(Map.of("programmeId", aidProgrammeId, "fundingSourceId", fundingSource,
                        "recipientKind", "PERSON", "recipientId", personId, "channellingPartnerId", partnerId,
                        "lines", List.of(Map.of("itemId", item, "quantity", 2))))
                .post("/api/v1/aid/distributions").then().statusCode(201).extract().path("id"));
        return new World(unitId, partnerId, officer, partner, agreementId, personId, groupId, importId, classId, sessionId,
                enrolmentId, distributionId);
    }

    @Test
    void peopleTheirCaseAndTimelineAreUnitAndPartnerScoped() {
        for (World own : List.of(a)) {
            for (String caller : List.of(own.officer(), own.partner())) {
                as(caller).get("/api/v1/beneficiaries/{id}", own.personId()).then().statusCode(200);
                as(caller).get("/api/v1/beneficiaries/{id}/timeline", own.personId()).then().statusCode(200);

                notFound(as(caller).get("/api/v1/beneficiaries/{id}", b.personId()).then());
                notFound(as(caller).get("/api/v1/beneficiaries/{id}/timeline", b.personId()).then());
                notFound(as(caller).get("/api/v1/beneficiaries/{id}/consents", b.personId()).then());
                notFound(as(caller).header("If-Match", "\"0\"").body(person(b.unitId(), b.partnerId()))
                        .put("/api/v1/beneficiaries/{id}", b.personId()).then());
                listed(caller, "/api/v1/beneficiaries", b.personId(), own.personId());
            }
            notFound(as(own.officer()).body(Map.of("status", "TERMINATED", "reason", "taken by another unit"))
                    .post("/api/v1/beneficiaries/{id}/status", b.personId()).then());
            notFound(as(own.officer()).body(Map.of("kind", "TRANSFER", "serviceUnitId", own.unitId(), "note", "taken"))
                    .post("/api/v1/beneficiaries/{id}/transfers", b.personId()).then());
        }
        as(b.officer()).get("/api/v1/beneficiaries/{id}", b.personId()).then().statusCode(200).body("status", equalTo("REGISTERED"));
    }

    @Test
    void communityGroupsAndImportsAreUnitAndPartnerScoped() {
        for (String caller : List.of(a.officer(), a.partner())) {
            as(caller).get("/api/v1/community-groups/{id}", a.groupId()).then().statusCode(200);
            notFound(as(caller).get("/api/v1/community-groups/{id}", b.groupId()).then());
            notFound(as(caller).body(Map.of("beneficiaryId", a.personId()))
                    .post("/api/v1/community-groups/{id}/members", b.groupId()).then());
            notFound(as(caller).delete("/api/v1/community-groups/{id}/members/{member}", b.groupId(), b.personId()).then());
        }
        as(a.officer()).get("/api/v1/beneficiary-imports/{id}", a.importId()).then().statusCode(200);
        notFound(as(a.officer()).get("/api/v1/beneficiary-imports/{id}", b.importId()).then());
        notFound(as(a.partner()).get("/api/v1/beneficiary-imports/{id}", b.importId()).then());
    }

    @Test
    void partnersUnitsAndAgreementsAreScoped() {
        for (String caller : List.of(a.officer(), a.partner())) {
            as(caller).get("/api/v1/agreements/{id}", a.agreementId()).then().statusCode(200);
            notFound(as(caller).get("/api/v1/agreements/{id}", b.agreementId()).then());
            notFound(as(caller).get("/api/v1/agreements/{id}/addenda", b.agreementId()).then());
            listed(caller, "/api/v1/agreements", b.agreementId(), a.agreementId());
            denied(as(caller).body(Map.of("reason", "not ours")).post("/api/v1/agreements/{id}/termination", b.agreementId()).then());
            denied(as(caller).body(Map.of("reason", "not ours")).post("/api/v1/partners/{id}/deactivation", b.partnerId()).then());
            denied(as(caller).delete("/api/v1/service-units/{id}/partners/{partnerId}", b.unitId(), b.partnerId()).then());
        }
        as(a.partner()).get("/api/v1/partners/{id}", a.partnerId()).then().statusCode(200);
        as(KeycloakTokens.admin()).get("/api/v1/partners/{id}", b.partnerId()).then().statusCode(200).body("status", equalTo("ACTIVE"));
        as(KeycloakTokens.admin()).get("/api/v1/service-units/{id}/partners", b.unitId()).then().statusCode(200)
                .body("partnerId", hasItem(b.partnerId()));
        as(KeycloakTokens.admin()).get("/api/v1/agreements/{id}", b.agreementId()).then().statusCode(200).body("status", equalTo("DRAFT"));
    }

    @Test
    void classesEnrolmentsAndAttendanceAreScoped() {
        for (String caller : List.of(a.officer(), a.partner())) {
            as(caller).get("/api/v1/training/classes/{id}", a.classId()).then().statusCode(200);
            as(caller).get("/api/v1/training/classes/{id}/enrolments", a.classId()).then().statusCode(200);

            notFound(as(caller).get("/api/v1/training/classes/{id}", b.classId()).then());
            notFound(as(caller).get("/api/v1/training/classes/{id}/enrolments", b.classId()).then());
            notFound(as(caller).get("/api/v1/training/classes/{id}/enrolments/{e}", b.classId(), b.enrolmentId()).then());
            notFound(as(caller).post("/api/v1/training/classes/{id}/enrolments/{e}/withdraw", b.classId(), b.enrolmentId()).then());
            notFound(as(caller).get("/api/v1/training/classes/{id}/sessions/{s}/attendance", b.classId(), b.sessionId()).then());
            notFound(as(caller).body(Map.of("status", "PRESENT", "mode", "ON_SITE"))
                    .put("/api/v1/training/classes/{id}/sessions/{s}/attendance/{e}", b.classId(), b.sessionId(), b.enrolmentId()).then());
            notFound(as(caller).body(Map.of("reason", "not ours")).post("/api/v1/training/classes/{id}/cancel", b.classId()).then());
            notFound(as(caller).get("/api/v1/training/classes/{id}/report", b.classId()).then());
            listed(caller, "/api/v1/training/classes", b.classId(), a.classId());
        }
        as(b.officer()).get("/api/v1/training/classes/{id}", b.classId()).then().statusCode(200).body("status", equalTo("OPEN"));
    }

    @Test
    void distributionsAndAidReportsAreScoped() {
        for (String caller : List.of(a.officer(), a.partner())) {
            as(caller).get("/api/v1/aid/distributions/{id}", a.distributionId()).then().statusCode(200);
            notFound(as(caller).get("/api/v1/aid/distributions/{id}", b.distributionId()).then());
            notFound(as(caller).post("/api/v1/aid/distributions/{id}/dispatch", b.distributionId()).then());
            listed(caller, "/api/v1/aid/distributions", b.distributionId(), a.distributionId());
        }
        notFound(as(a.officer()).post("/api/v1/aid/distributions/{id}/approve", b.distributionId()).then());
        notFound(as(a.officer()).body(Map.of("reason", "not ours")).post("/api/v1/aid/distributions/{id}/cancel", b.distributionId()).then());
        for (String caller : List.of(a.officer(), a.partner())) {
            as(caller).queryParam("by", "status").queryParam("programmeId", aidProgramme).get("/api/v1/aid/reports/totals")
                    .then().statusCode(200)
                    .body("proposedIdr.sum()", is(600_000));
        }
        as(b.officer()).get("/api/v1/aid/distributions/{id}", b.distributionId()).then().statusCode(200)
                .body("status", equalTo("PROPOSED"));
    }

    private static Map<String, Object> person(String unitId, String partnerId) {
        int day = ThreadLocalRandom.current().nextInt(1, 29);
        String nik = "320101%02d0890%04d".formatted(day, ThreadLocalRandom.current().nextInt(1, 10_000));
        return Map.of("fullName", "Matrix Person " + UUID.randomUUID().toString().substring(0, 6), "nik", nik,
                "birthDate", "1990-08-%02d".formatted(day), "sex", "MALE", "serviceUnitId", unitId, "partnerIds", List.of(partnerId));
    }

    private static String uploadOneRowImport(String officer) {
        int day = ThreadLocalRandom.current().nextInt(1, 29);
        String csv = "fullName,nik,birthDate,sex\nImported Person,320101%02d0885%04d,1985-08-%02d,MALE\n"
                .formatted(day, ThreadLocalRandom.current().nextInt(1, 10_000), day);
        return given().auth().oauth2(officer).contentType("text/csv").body(csv)
                .post("/api/v1/beneficiary-imports").then().statusCode(202).extract().path("id");
    }


    private static void notFound(ValidatableResponse response) {
        response.statusCode(404).contentType("application/problem+json");
    }

    /** Refused either way: 404 where the role may act but the object is not its, 403 where the role may not act at all. */
    private static void denied(ValidatableResponse response) {
        response.statusCode(anyOf(is(403), is(404))).contentType("application/problem+json");
    }

    private static void listed(String caller, String path, String hidden, String own) {
        as(caller).queryParam("size", 200).get(path).then().statusCode(200)
                .body("items.id", hasItem(own))
                .body("items.id", not(hasItem(hidden)));
    }

}
