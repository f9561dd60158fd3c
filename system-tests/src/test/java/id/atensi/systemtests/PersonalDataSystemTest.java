package id.atensi.systemtests;

import id.atensi.testing.TestInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.atensi.systemtests.PlatformFixtures.A_YEAR_AGO;
import static id.atensi.systemtests.PlatformFixtures.IN_A_YEAR;
import static id.atensi.systemtests.PlatformFixtures.as;
import static id.atensi.systemtests.PlatformFixtures.eventually;
import static id.atensi.systemtests.PlatformFixtures.lksPartner;
import static id.atensi.systemtests.PlatformFixtures.openClass;
import static id.atensi.systemtests.PlatformFixtures.serviceUnit;
import static id.atensi.systemtests.PlatformFixtures.trainingProgramme;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 18 across the running services, through the gateway: a partner sees a person's personal data in every service
 * only while the person's PARTNER_SHARING consent holds (the training and aid services learn of it from the consent
 * events); the access right's export gathers every service's part; an erasure leaves the person's name and the aid
 * note written about them in no table of any service's database, while aid totals stay exact.
 */
@ExtendWith(SharedPlatform.class)
class PersonalDataSystemTest {

    private static final List<String> DATABASES = List.of("beneficiary", "partner", "training", "aid", "webhook");

    private static String officer;
    private static String partner;
    private static String classId;
    private static String aidProgrammeId;

    @BeforeAll
    static void aUnitWithItsPartnerAClassAndAnAidProgramme() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String unitId = serviceUnit("Privasi " + suffix);
        String partnerId = lksPartner("Privasi " + suffix);
        officer = KeycloakTokens.officer(unitId);
        partner = KeycloakTokens.partner(partnerId);
        String trainingProgramme = trainingProgramme("Privasi programme " + suffix);
        classId = openClass(officer, trainingProgramme, unitId, partnerId, "Privasi class " + suffix);
        aidProgrammeId = as(KeycloakTokens.admin()).body(Map.of("name", "Privasi aid " + suffix, "kind", "SOCIAL_AID",
                        "periodStart", A_YEAR_AGO, "periodEnd", IN_A_YEAR,
                        "fundingSources", List.of(Map.of("kind", "STATE_BUDGET", "amountIdr", 10_000_000L))))
                .post("/api/v1/aid/programmes").then().statusCode(201).extract().path("id");
        PersonalDataSystemTest.partnerId = partnerId;
        PersonalDataSystemTest.unitId = unitId;
    }

    private static String partnerId;
    private static String unitId;

    /** A person served by the partner, enrolled in its class and proposed aid it channels, with a note naming them. */
    private record Person(String id, String name, String enrolmentId, String distributionId, String note) {
    }

    private static Person personInEveryService(String name, int serial) {
        String nik = "3201014508%02d%04d".formatted(90, serial);
        String id = eventually(() -> as(officer).body(Map.of("fullName", name, "nik", nik, "birthDate", "1990-08-05",
                        "sex", "FEMALE", "serviceUnitId", unitId, "partnerIds", List.of(partnerId)))
                .post("/api/v1/beneficiaries").then().statusCode(201).extract().path("id"));
        String enrolmentId = eventually(() -> as(officer).body(Map.of("beneficiaryId", id, "audience", "BENEFICIARY"))
                .post("/api/v1/training/classes/{id}/enrolments", classId).then().statusCode(201).extract().path("id"));
        var programme = as(officer).get("/api/v1/aid/programmes/{id}", aidProgrammeId).then().statusCode(200).extract();
        String item = as(KeycloakTokens.admin()).body(Map.of("code", "PV-" + UUID.randomUUID(), "name", "Sembako", "unit", "package",
                        "category", "STAPLE_FOOD_PACKAGE", "amountIdr", 250_000L))
                .post("/api/v1/aid/items").then().statusCode(201).extract().path("id");
        String note = "antar ke rumah " + name;
        String distributionId = eventually(() -> as(officer).body(Map.of("programmeId", aidProgrammeId,
                        "fundingSourceId", programme.path("fundingSources[0].id"), "recipientKind", "PERSON", "recipientId", id,
                        "channellingPartnerId", partnerId, "lines", List.of(Map.of("itemId", item, "quantity", 1)), "note", note))
                .post("/api/v1/aid/distributions").then().statusCode(201).extract().path("id"));
        // Approved, so that the programme's committed total holds this person's aid (the approver is not the proposer).
        as(KeycloakTokens.admin()).post("/api/v1/aid/distributions/{id}/approve", distributionId).then().statusCode(200);
        return new Person(id, name, enrolmentId, distributionId, note);
    }

    private static void consent(Person person, boolean given) {
        as(officer).body(Map.of("purpose", "PARTNER_SHARING", "given", given, "evidence", Map.of("formReference", "F/" + person.id())))
                .post("/api/v1/beneficiaries/{id}/consents", person.id()).then().statusCode(201);
    }

    /** What the partner sees of the person in each service: the beneficiary record, the enrolment, the distribution. */
    private static List<Boolean> partnerSeesPersonalData(Person person) {
        boolean beneficiary = !(boolean) as(partner).get("/api/v1/beneficiaries/{id}", person.id())
                .then().statusCode(200).extract().path("personalDataWithheld");
        boolean training = person.name().equals(as(partner)
                .get("/api/v1/training/classes/{id}/enrolments/{enrolmentId}", classId, person.enrolmentId())
                .then().statusCode(200).extract().path("fullName"));
        boolean aid = person.note().equals(as(partner).get("/api/v1/aid/distributions/{id}", person.distributionId())
                .then().statusCode(200).extract().path("note"));
        return List.of(beneficiary, training, aid);
    }

    @Test
    void aPartnerSeesAPersonsDataInEveryServiceOnlyWhileTheConsentHolds() {
        Person person = personInEveryService("Lestari Persetujuan", 4101);
        assertEquals(List.of(false, false, false), partnerSeesPersonalData(person), "beneficiary, training, aid before consent");

        consent(person, true);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> partnerSeesPersonalData(person), equalTo(List.of(true, true, true)));

        consent(person, false);
        assertEquals(false, partnerSeesPersonalData(person).get(0), "the beneficiary service applies a withdrawal at once");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> partnerSeesPersonalData(person), equalTo(List.of(false, false, false)));
    }

    @Test
    void theCopyGathersEveryServiceAndAnErasureLeavesTheNameInNoDatabase() throws Exception {
        Person person = personInEveryService("Wartini Penghapusan", 4102);
        String exportId = as(officer).post("/api/v1/beneficiaries/{id}/data-exports", person.id())
                .then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> as(officer).get("/api/v1/beneficiaries/{id}/data-exports/{exportId}", person.id(), exportId)
                        .then().statusCode(200).extract().path("status"), equalTo("DONE"));
        String copy = as(officer).get("/api/v1/beneficiaries/{id}/data-exports/{exportId}/document", person.id(), exportId)
                .then().statusCode(200).extract().asString();
        for (String part : List.of(person.enrolmentId(), person.distributionId(), person.note())) {
            assertEquals(true, copy.contains(part), "the copy holds " + part + ": " + copy);
        }

        long committedBefore = committed();
        assertEquals(true, committedBefore >= 250_000L, "the person's approved aid is committed: " + committedBefore);
        List<String> before = whereFound(List.of(person.name(), person.note()));
        for (String database : List.of("beneficiary", "training", "aid")) {
            assertEquals(true, before.stream().anyMatch(hit -> hit.startsWith(database + ".")),
                    "before the erasure the search must find the person in " + database + ": " + before);
        }

        as(officer).body(Map.of("requestReference", "PDP/SYS/1"))
                .post("/api/v1/beneficiaries/{id}/erasure", person.id()).then().statusCode(200);
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1))
                .until(() -> whereFound(List.of(person.name(), person.note())), equalTo(List.of()));
        assertEquals(committedBefore, committed(), "the programme's committed aid is unchanged by an erasure");
        as(officer).get("/api/v1/training/classes/{id}/enrolments/{enrolmentId}", classId, person.enrolmentId())
                .then().statusCode(200).body("status", equalTo("ENROLLED"));
    }

    private static long committed() {
        Number committed = as(officer).get("/api/v1/aid/programmes/{id}", aidProgrammeId).then().statusCode(200)
                .extract().path("committedIdr");
        return committed.longValue();
    }

    /** Every text, JSON and array column of every table of every service's database: "db.table.column holds string". */
    private static List<String> whereFound(List<String> needles) throws Exception {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        List<String> hits = new ArrayList<>();
        for (String database : DATABASES) {
            try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl(database + "_system"),
                    infrastructure.dbUser(), infrastructure.dbPassword())) {
                List<String[]> columns = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement("""
                        SELECT table_name, column_name FROM information_schema.columns
                        WHERE table_schema = current_schema()
                          AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
                        ORDER BY table_name, column_name""");
                     ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        columns.add(new String[]{rows.getString(1), rows.getString(2)});
                    }
                }
                for (String[] column : columns) {
                    for (String needle : needles) {
                        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM \"" + column[0]
                                + "\" WHERE CAST(\"" + column[1] + "\" AS text) ILIKE ?")) {
                            count.setString(1, "%" + needle + "%");
                            try (ResultSet result = count.executeQuery()) {
                                result.next();
                                if (result.getLong(1) > 0) {
                                    hits.add(database + "." + column[0] + "." + column[1] + " holds " + needle);
                                }
                            }
                        }
                    }
                }
            }
        }
        return hits;
    }


}
