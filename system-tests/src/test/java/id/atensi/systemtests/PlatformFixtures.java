package id.atensi.systemtests;

import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** The records most system tests start from, made through the gateway as their users make them. */
final class PlatformFixtures {

    static final String A_YEAR_AGO = LocalDate.now(ZoneId.of("Asia/Jakarta")).minusYears(1).toString();
    static final String IN_A_YEAR = LocalDate.now(ZoneId.of("Asia/Jakarta")).plusYears(1).toString();

    private PlatformFixtures() {
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }

    /** The services learn of units, partners and people through Kafka: a dependent call may need a few tries. */
    static <T> T eventually(Callable<T> call) {
        return await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(call, Objects::nonNull);
    }

    /** A Balai in West Java (32.02) serving persons with disabilities, named "Balai {@code label}". */
    static String serviceUnit(String label) {
        return as(KeycloakTokens.admin()).body(Map.of("name", "Balai " + label, "kind", "BALAI", "provinceCode", "32",
                        "regencyCode", "32.02", "residentialCapacity", 50, "clusters", List.of("PERSONS_WITH_DISABILITIES")))
                .post("/api/v1/service-units").then().statusCode(201).extract().path("id");
    }

    /** An accredited LKS foundation in the same region, named "Yayasan {@code label}". */
    static String lksPartner(String label) {
        return as(KeycloakTokens.admin()).body(Map.ofEntries(Map.entry("type", "LKS"),
                        Map.entry("legalName", "Yayasan " + label), Map.entry("shortName", label),
                        Map.entry("registrationNumber", "AHU-" + UUID.randomUUID()), Map.entry("accreditationGrade", "A"),
                        Map.entry("accreditationExpiresOn", "2030-01-01"), Map.entry("npwp", "01.000.013.1-093.000"),
                        Map.entry("addressLine", "Jl. " + label + " 1"), Map.entry("provinceCode", "32"), Map.entry("regencyCode", "32.02"),
                        Map.entry("clusters", List.of("PERSONS_WITH_DISABILITIES"))))
                .post("/api/v1/partners").then().statusCode(201).extract().path("id");
    }

    static String trainingProgramme(String title) {
        return as(KeycloakTokens.admin()).body(Map.of("title", title, "skillAreas", List.of("SEWING")))
                .post("/api/v1/training/programmes").then().statusCode(201).extract().path("id");
    }

    /** A one-session sewing class for beneficiaries, hosted by the unit and provided by the partner, opened for enrolment. */
    static String openClass(String officer, String programme, String unitId, String partnerId, String title) {
        String classId = eventually(() -> as(officer).body(Map.ofEntries(Map.entry("programmeId", programme),
                        Map.entry("title", title), Map.entry("skillAreas", List.of("SEWING")),
                        Map.entry("hostUnitId", unitId), Map.entry("providerPartnerIds", List.of(partnerId)),
                        Map.entry("modality", "ON_SITE"), Map.entry("place", "Balai " + title),
                        Map.entry("startDate", "2026-02-02"), Map.entry("endDate", "2026-02-03"), Map.entry("capacity", 10),
                        Map.entry("audiences", List.of("BENEFICIARY")),
                        Map.entry("sessions", List.of(Map.of("date", "2026-02-02", "startTime", "09:00", "endTime", "12:00",
                                "topic", "Day 1")))))
                .post("/api/v1/training/classes").then().statusCode(201).extract().path("id"));
        as(officer).post("/api/v1/training/classes/{id}/open", classId).then().statusCode(200);
        return classId;
    }

    /** The partner in the unit's network, and a PKS between them for vocational training, with the partner's money commitment. */
    static String agreement(String officer, String unitId, String partnerId, String label) {
        as(officer).body(Map.of("partners", List.of(Map.of("partnerId", partnerId, "since", "2024-01-01", "focus", label))))
                .post("/api/v1/service-units/{id}/partners", unitId).then().statusCode(201);
        return as(officer).body(Map.of("number", "PKS-" + UUID.randomUUID(), "title", label + " agreement",
                        "kind", "PKS", "startsOn", A_YEAR_AGO, "endsOn", IN_A_YEAR,
                        "parties", List.of(Map.of("serviceUnitId", unitId, "role", "FIRST_PARTY"),
                                Map.of("partnerId", partnerId, "role", "SECOND_PARTY")),
                        "scope", Map.of("services", List.of("VOCATIONAL_TRAINING_AND_ENTREPRENEURSHIP"),
                                "clusters", List.of("PERSONS_WITH_DISABILITIES"), "regionCodes", List.of("32"),
                                "serviceUnitIds", List.of(unitId)),
                        "commitments", List.of(Map.of("partnerId", partnerId, "kind", "MONEY", "amountIdr", 5_000_000L,
                                "description", label + " budget"))))
                .post("/api/v1/agreements").then().statusCode(201).extract().path("id");
    }
}
