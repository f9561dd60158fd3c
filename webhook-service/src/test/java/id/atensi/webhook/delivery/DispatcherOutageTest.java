package id.atensi.webhook.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.DatabaseOutage;
import id.atensi.testing.DatabaseOutageMBean;
import id.atensi.testing.TestInfrastructure;
import id.atensi.webhook.Receiver;
import id.atensi.webhook.Receiver.Answer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static id.atensi.webhook.WebhookFixtures.beneficiaryRegistered;
import static id.atensi.webhook.WebhookFixtures.endpoint;
import static id.atensi.webhook.WebhookFixtures.partner;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The dispatcher while its database cannot be reached: the service's datasource goes through platform-testing's
 * {@link DatabaseOutage} forwarder, which the test cuts (open connections dropped, new ones refused) and restores
 * while the shared PostgreSQL runs on. What the test reads of the database it reads on a connection of its own,
 * straight to the server.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = {@ResourceArg(name = "database", value = "webhook"),
        @ResourceArg(name = "database-outage", value = "true")})
class DispatcherOutageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private DatabaseOutageMBean database;

    @BeforeEach
    void forwarder() {
        database = DatabaseOutage.of("webhook");
    }

    @AfterEach
    void databaseBack() {
        database.restore();
    }

    @Test
    void anAnswerReceivedWhileTheDatabaseIsAwayIsRecordedWhenItIsBackAndNothingIsLostNorSentTwice() throws Exception {
        String lks = partner();
        try (Receiver receiver = Receiver.start()) {
            receiver.thenAnswer(Answer.heldUntilReleased(200));
            String[] endpoint = endpoint(lks, receiver.url(), List.of("atensi.beneficiary.*"));
            String before = beneficiaryRegistered(UUID.randomUUID().toString(), "Sebelum Putus", lks);
            receiver.awaitRequests(1, WAIT);

            database.cut();
            // Answered 2xx while the database is away; the event after it is consumed from the topic meanwhile.
            receiver.release();
            String during = beneficiaryRegistered(UUID.randomUUID().toString(), "Selama Putus", lks);
            await().pollDelay(Duration.ofSeconds(4)).until(() -> true);
            assertEquals(1, receiver.received().size(), "nothing was sent while the database was away");
            database.restore();

            receiver.awaitRequests(2, WAIT);
            await().atMost(WAIT).until(() -> "DELIVERED".equals(delivery(endpoint[0], before).get(0))
                    && "DELIVERED".equals(delivery(endpoint[0], during).get(0)));
            assertEquals(List.of("DELIVERED", "1", "200"), delivery(endpoint[0], before),
                    "the answer of the outage recorded as the first attempt's, once the database was back");
            assertEquals(List.of("DELIVERED", "1", "204"), delivery(endpoint[0], during), "the event consumed during the outage, delivered");
            await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
            List<String> sent = new ArrayList<>();
            for (Receiver.Request request : receiver.received()) {
                sent.add(JSON.readTree(request.body()).get("id").asText());
            }
            assertEquals(List.of(before, during), sent, "each once: the one answered during the outage not sent again");
        }
    }

    /** The delivery's status, attempts and the logged attempts' status codes, straight from the database. */
    private static List<String> delivery(String endpointId, String eventId) throws SQLException {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl("webhook"), infrastructure.dbUser(), infrastructure.dbPassword());
             PreparedStatement select = connection.prepareStatement("""
                     SELECT d.status, d.attempts, (SELECT string_agg(a.status_code::text, ',' ORDER BY a.attempt)
                                                   FROM delivery_attempt a WHERE a.delivery_id = d.id)
                     FROM delivery d WHERE d.endpoint_id = ?::uuid AND d.event_id = ?""")) {
            select.setString(1, endpointId);
            select.setString(2, eventId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return List.of("NONE");
                }
                return List.of(row.getString(1), row.getString(2), String.valueOf(row.getString(3)));
            }
        }
    }
}
