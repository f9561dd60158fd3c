package id.atensi.beneficiary.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.atensi.beneficiary.BeneficiaryFixtures;
import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.PartnerFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class BeneficiaryEventsTest {

    private static final String TOPIC = "atensi.beneficiary.events";
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void serviceUnitsAreKnown() {
        ServiceUnitFixtures.standard();
    }

    @Test
    void registrationPublishesARegisteredCloudEventKeyedByTheBeneficiary() {
        try (TopicReader topic = TopicReader.of(TOPIC)) {
            String id = BeneficiaryFixtures.register("Rahmat Hidayat", NikFixtures.man(), NikFixtures.MAN_BIRTH_DATE, "MALE");

            ConsumerRecord<String, byte[]> record = topic.await(r -> id.equals(r.key()), Duration.ofSeconds(20));

            assertEquals("atensi.beneficiary.registered.v1", TopicReader.header(record, "ce_type"));
            assertEquals("/atensi/beneficiary", TopicReader.header(record, "ce_source"));
            assertEquals(id, TopicReader.header(record, "ce_subject"));
            assertEquals("1.0", TopicReader.header(record, "ce_specversion"));
            assertNotNull(TopicReader.header(record, "ce_id"));
            assertNotNull(TopicReader.header(record, "ce_time"));
            assertEquals("application/json", TopicReader.header(record, "content-type"));
            String data = TopicReader.value(record);
            assertTrue(data.contains("\"fullName\": \"Rahmat Hidayat\"") || data.contains("\"fullName\":\"Rahmat Hidayat\""), data);
            assertFalse(data.contains("nik"), "the NIK must never leave the service: " + data);
        }
    }

    @Test
    void aRejectedRegistrationPublishesNothing() {
        try (TopicReader topic = TopicReader.of(TOPIC)) {
            String nik = NikFixtures.man();
            BeneficiaryFixtures.register("Joko Widodo", nik, NikFixtures.MAN_BIRTH_DATE, "MALE");
            given().auth().oauth2(TestTokens.officer())
                    .contentType(ContentType.JSON)
                    .body(BeneficiaryFixtures.registration("Joko Widodo Kedua", nik, NikFixtures.MAN_BIRTH_DATE, "MALE"))
                    .when().post("/api/v1/beneficiaries")
                    .then().statusCode(409);

            List<ConsumerRecord<String, byte[]>> records = topic.drain(Duration.ofSeconds(3));

            assertEquals(0, records.stream().filter(r -> TopicReader.value(r).contains("Joko Widodo Kedua")).count());
            assertEquals(1, records.stream().filter(r -> TopicReader.value(r).contains("\"Joko Widodo\"")).count());
        }
    }

    private static JsonNode data(ConsumerRecord<String, byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ConsumerRecord<String, byte[]> awaitType(TopicReader topic, String key, String type) {
        return topic.await(r -> key.equals(r.key()) && type.equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(20));
    }

    @Test
    void registeredAndUpdatedCarryUnitPartnersAndRegionButNoPersonalNumbers() {
        try (TopicReader topic = TopicReader.of(TOPIC)) {
            String unit = ServiceUnitFixtures.fresh();
            String partner = PartnerFixtures.fresh();
            String nik = NikFixtures.woman();
            ExtractableResponse<Response> registered = BeneficiaryFixtures.registerFull("Nining Event", nik, unit, partner);
            String id = registered.path("id");

            JsonNode data = data(awaitType(topic, id, "atensi.beneficiary.registered.v1"));
            assertEquals(unit, data.get("serviceUnitId").asText());
            assertEquals(partner, data.get("partnerIds").get(0).asText());
            assertEquals("32", data.get("provinceCode").asText());
            assertEquals("32.01", data.get("regencyCode").asText());
            String text = data.toString();
            assertFalse(text.contains(nik) || text.contains("3201010101200001") || text.contains("6281234567890")
                    || text.contains("Merdeka"), "no NIK, KK number, phone or address line in events: " + text);

            given().auth().oauth2(TestTokens.admin()).header("If-Match", registered.header("ETag")).contentType(ContentType.JSON)
                    .body(BeneficiaryFixtures.fullRecord("Nining Event", nik, "3201010101200001", "32.01.01.1001", unit, partner)
                            .replace("\"32.01.01.1001\"", "\"32.01.01.1002\""))
                    .when().put("/api/v1/beneficiaries/{id}", id).then().statusCode(200);
            JsonNode updated = data(awaitType(topic, id, "atensi.beneficiary.updated.v1"));
            assertEquals("[\"address\"]", updated.get("changedFields").toString());
            assertEquals(unit, updated.get("serviceUnitId").asText());
            assertEquals("32.01", updated.get("regencyCode").asText());
            assertEquals(partner, updated.get("partnerIds").get(0).asText());
        }
    }

    @Test
    void aHouseholdPublishesItsFullStateOnRegistrationAndOnEveryMemberChange() {
        try (TopicReader topic = TopicReader.of(TOPIC)) {
            String head = BeneficiaryFixtures.register("Kepala Event", NikFixtures.man(), NikFixtures.MAN_BIRTH_DATE, "MALE");
            String child = BeneficiaryFixtures.register("Anak Event", NikFixtures.man(), NikFixtures.MAN_BIRTH_DATE, "MALE");
            String kk = "3201" + "%012d".formatted(ThreadLocalRandom.current().nextLong(1, 999_999_999_999L));
            String id = given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                    .body("{\"kkNumber\": \"" + kk + "\", \"members\": [{\"beneficiaryId\": \"" + head + "\", \"relationship\": \"HEAD\"}]}")
                    .when().post("/api/v1/households").then().statusCode(201).extract().path("id");

            ConsumerRecord<String, byte[]> record = awaitType(topic, id, "atensi.beneficiary.household.registered.v1");
            JsonNode registered = data(record);
            assertEquals(id, TopicReader.header(record, "ce_subject"));
            assertEquals(head, registered.get("headBeneficiaryId").asText());
            assertEquals("[\"" + head + "\"]", registered.get("memberIds").toString());
            assertEquals(TestTokens.UNIT_A, registered.get("serviceUnitId").asText());
            assertTrue(registered.get("active").asBoolean());
            assertFalse(registered.toString().contains(kk), "the KK number never leaves the service");

            given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                    .body("{\"beneficiaryId\": \"" + child + "\", \"relationship\": \"CHILD\"}")
                    .when().post("/api/v1/households/{id}/members", id).then().statusCode(200);
            JsonNode added = data(awaitType(topic, id, "atensi.beneficiary.household.updated.v1"));
            Set<String> members = new HashSet<>();
            added.get("memberIds").forEach(member -> members.add(member.asText()));
            assertEquals(Set.of(head, child), members);
            assertEquals(head, added.get("headBeneficiaryId").asText());
        }
    }

    @Test
    void aCommunityGroupPublishesItsFullStateOnRegistrationAndOnEveryMemberChange() {
        try (TopicReader topic = TopicReader.of(TOPIC)) {
            String coordinator = BeneficiaryFixtures.register("Koordinator Event", NikFixtures.man(), NikFixtures.MAN_BIRTH_DATE, "MALE");
            String member = BeneficiaryFixtures.register("Anggota Event", NikFixtures.man(), NikFixtures.MAN_BIRTH_DATE, "MALE");
            String partner = PartnerFixtures.fresh();
            String id = given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                    .body("""
                            {"name": "Komunitas Event", "coachingPartnerId": "%s", "provinceCode": "32", "regencyCode": "32.01",
                             "memberIds": ["%s", "%s"], "coordinatorId": "%s"}""".formatted(partner, coordinator, member, coordinator))
                    .when().post("/api/v1/community-groups").then().statusCode(201).extract().path("id");

            JsonNode registered = data(awaitType(topic, id, "atensi.beneficiary.group.registered.v1"));
            assertEquals("Komunitas Event", registered.get("name").asText());
            assertEquals(partner, registered.get("coachingPartnerId").asText());
            assertEquals(coordinator, registered.get("coordinatorBeneficiaryId").asText());
            assertEquals(2, registered.get("memberIds").size());
            assertEquals(TestTokens.UNIT_A, registered.get("serviceUnitId").asText());
            assertEquals("32.01", registered.get("regencyCode").asText());
            assertTrue(registered.get("active").asBoolean());

            given().auth().oauth2(TestTokens.officer()).when().delete("/api/v1/community-groups/{id}/members/{b}", id, member)
                    .then().statusCode(200);
            JsonNode removed = data(awaitType(topic, id, "atensi.beneficiary.group.updated.v1"));
            assertEquals("[\"" + coordinator + "\"]", removed.get("memberIds").toString());
            assertEquals("Komunitas Event", removed.get("name").asText());
            assertEquals("32", removed.get("provinceCode").asText());
        }
    }

    @Test
    void aRegistrationWakesTheOutboxRelayWhenItCommitsAndARefusedOneDoesNot() throws Exception {
        Config config = ConfigProvider.getConfig();
        try (Connection listener = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null));
             Statement statement = listener.createStatement()) {
            statement.execute("LISTEN atensi_outbox");
            PGConnection notices = listener.unwrap(PGConnection.class);
            String nik = NikFixtures.woman();
            BeneficiaryFixtures.register("Dewi Sartika", nik, NikFixtures.WOMAN_BIRTH_DATE, "FEMALE");
            PGNotification[] woken = notices.getNotifications(5_000);
            assertNotNull(woken);
            assertEquals(1, woken.length, "one notice for the registration's transaction");
            assertEquals("atensi_outbox", woken[0].getName());

            given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                    .body(BeneficiaryFixtures.registration("Dewi Sartika Lagi", nik, NikFixtures.WOMAN_BIRTH_DATE, "FEMALE"))
                    .when().post("/api/v1/beneficiaries")
                    .then().statusCode(409);
            PGNotification[] afterRefusal = notices.getNotifications(1_000);
            assertTrue(afterRefusal == null || afterRefusal.length == 0, "a refused registration records no event and wakes nobody");
        }
    }
}
