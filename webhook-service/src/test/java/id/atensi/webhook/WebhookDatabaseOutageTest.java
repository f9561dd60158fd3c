package id.atensi.webhook;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.DatabaseOutageContract;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An endpoint read and an endpoint registered while webhook-service's database cannot be reached, and after it is back. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = {@ResourceArg(name = "database", value = "webhook"),
        @ResourceArg(name = "database-outage", value = "true")})
class WebhookDatabaseOutageTest extends DatabaseOutageContract {

    private Receiver receiver;
    private String partner;
    private String endpoint;

    @BeforeEach
    void anEndpointOfAnotherPartner() {
        receiver = Receiver.start();
        endpoint = WebhookFixtures.endpoint(WebhookFixtures.partner(), receiver.url(), List.of("atensi.aid.*"))[0];
        partner = WebhookFixtures.partner();
    }

    @AfterEach
    void receiverStops() {
        receiver.close();
    }

    @Override
    protected String database() {
        return "webhook";
    }

    @Override
    protected Response read() {
        return WebhookFixtures.as(TestTokens.admin()).get("/api/v1/webhooks/endpoints/{id}", endpoint);
    }

    @Override
    protected Response write() {
        return WebhookFixtures.as(TestTokens.partner(partner))
                .body(Map.of("url", receiver.url(), "eventTypes", List.of("atensi.training.*"))).post("/api/v1/webhooks/endpoints");
    }

    @Override
    protected long written() throws SQLException {
        return count("SELECT count(*) FROM endpoint WHERE partner_id = ?", UUID.fromString(partner));
    }
}
