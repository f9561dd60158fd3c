package id.atensi.beneficiary;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class BeneficiaryEventsTest {

    private static final String TOPIC = "atensi.beneficiary.events";

    @Test
    void registrationPublishesARegisteredCloudEventKeyedByTheBeneficiary() {
        try (TopicReader topic = TopicReader.of(TOPIC)) {
            String id = BeneficiaryResourceTest.register("Rahmat Hidayat", TestNiks.man(), TestNiks.MAN_BIRTH_DATE, "MALE");

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
            String nik = TestNiks.man();
            BeneficiaryResourceTest.register("Joko Widodo", nik, TestNiks.MAN_BIRTH_DATE, "MALE");
            given().auth().oauth2(TestTokens.officer())
                    .contentType(ContentType.JSON)
                    .body(BeneficiaryResourceTest.registration("Joko Widodo Kedua", nik, TestNiks.MAN_BIRTH_DATE, "MALE"))
                    .when().post("/api/v1/beneficiaries")
                    .then().statusCode(409);

            List<ConsumerRecord<String, byte[]>> records = topic.drain(Duration.ofSeconds(3));

            assertEquals(0, records.stream().filter(r -> TopicReader.value(r).contains("Joko Widodo Kedua")).count());
            assertEquals(1, records.stream().filter(r -> TopicReader.value(r).contains("\"Joko Widodo\"")).count());
        }
    }
}
