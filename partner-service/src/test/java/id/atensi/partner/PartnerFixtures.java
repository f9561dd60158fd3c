package id.atensi.partner;

import id.atensi.testing.TestTokens;
import io.restassured.http.ContentType;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Builds requests and registers the partners, units and agreements the tests need, each with unique numbers so tests share one database. */
public final class PartnerFixtures {

    /** A 15-digit NPWP written with its official punctuation. */
    public static final String VALID_NPWP = "01.000.013.1-093.000";

    private PartnerFixtures() {
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Jakarta"));
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> json(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    public static Map<String, Object> lks(String name) {
        return json("type", "LKS", "legalName", name, "shortName", name.replace("Yayasan ", ""),
                "registrationNumber", unique("AHU"), "accreditationGrade", "A",
                "accreditationExpiresOn", today().plusYears(2).toString(), "npwp", VALID_NPWP,
                "addressLine", "Jl. Pelabuhan II", "provinceCode", "32", "regencyCode", "32.02",
                "contacts", List.of(json("name", "Rina Marlina", "role", "Chair", "email", "rina@example.org", "phone", "+62 266 555 0101")),
                "clusters", List.of("PERSONS_WITH_DISABILITIES"));
    }

    public static Map<String, Object> company(String name, String type) {
        return json("type", type, "legalName", name, "registrationNumber", unique("NIB"), "npwp", VALID_NPWP,
                "provinceCode", "31", "regencyCode", "31.74", "clusters", List.of("SOCIAL_EXCLUSION", "TRAFFICKING_VICTIMS"));
    }

    public static String register(Map<String, Object> partner) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(partner)
                .when().post("/api/v1/partners")
                .then().statusCode(201).extract().path("id");
    }

    public static Map<String, Object> unit(String name) {
        return json("name", name, "kind", "BALAI", "provinceCode", "32", "regencyCode", "32.02", "residentialCapacity", 120,
                "clusters", List.of("PERSONS_WITH_DISABILITIES"));
    }

    public static String registerUnit(Map<String, Object> unit) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(unit)
                .when().post("/api/v1/service-units")
                .then().statusCode(201).extract().path("id");
    }

    public static Map<String, Object> link(String partnerId) {
        return json("partnerId", partnerId, "since", "2020-01-15", "focus", "Training", "notes", null);
    }

    public static void linkPartners(String unitId, String... partnerIds) {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(json("partners", Arrays.stream(partnerIds).map(PartnerFixtures::link).toList()))
                .when().post("/api/v1/service-units/{id}/partners", unitId)
                .then().statusCode(201);
    }

    /** An MoU between a unit (first party) and a partner (second party) committing money, from today for a year. */
    public static Map<String, Object> agreement(String unitId, String partnerId, long amountIdr) {
        return agreement(unitId, partnerId, amountIdr, today(), today().plusYears(1));
    }

    public static Map<String, Object> agreement(String unitId, String partnerId, long amountIdr, LocalDate startsOn, LocalDate endsOn) {
        return json("number", unique("PKS"), "title", "Vocational training for persons with disabilities", "kind", "PKS",
                "startsOn", startsOn.toString(), "endsOn", endsOn.toString(),
                "parties", List.of(json("serviceUnitId", unitId, "role", "FIRST_PARTY"), json("partnerId", partnerId, "role", "SECOND_PARTY")),
                "scope", json("services", List.of("VOCATIONAL_TRAINING_AND_ENTREPRENEURSHIP"), "clusters", List.of("PERSONS_WITH_DISABILITIES"),
                        "regionCodes", List.of("32"), "serviceUnitIds", List.of(unitId)),
                "commitments", List.of(json("partnerId", partnerId, "kind", "MONEY", "amountIdr", amountIdr, "description", "Training budget")));
    }

    public static String draft(Map<String, Object> agreement) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(agreement)
                .when().post("/api/v1/agreements")
                .then().statusCode(201).extract().path("id");
    }

    public static void sign(String agreementId, String partyId) {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(json("signedOn", today().toString(), "signatories", List.of(json("name", "Budi Santoso", "title", "Head", "partyId", partyId))))
                .when().post("/api/v1/agreements/{id}/signature", agreementId)
                .then().statusCode(200);
    }

    public static void activate(String agreementId) {
        given().auth().oauth2(TestTokens.admin())
                .when().post("/api/v1/agreements/{id}/activation", agreementId)
                .then().statusCode(200);
    }

    /** A unit, a partner and an ACTIVE agreement between them; returns {unitId, partnerId, agreementId}. */
    public static String[] activeAgreement(long amountIdr) {
        String unitId = registerUnit(unit(unique("Balai")));
        String partnerId = register(lks(unique("Yayasan")));
        String agreementId = draft(agreement(unitId, partnerId, amountIdr));
        sign(agreementId, unitId);
        activate(agreementId);
        return new String[]{unitId, partnerId, agreementId};
    }
}
