package id.atensi.partner;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.DatabaseOutageContract;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;

import java.sql.SQLException;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** A partner read and a registration while partner-service's database cannot be reached, and after it is back. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = {@ResourceArg(name = "database", value = "partner"),
        @ResourceArg(name = "database-outage", value = "true")})
@WithTestResource(KeycloakTestResource.class)
class PartnerDatabaseOutageTest extends DatabaseOutageContract {

    private final Map<String, Object> newPartner = PartnerFixtures.lks("Yayasan Tanpa Basis Data");
    private String registered;

    @BeforeEach
    void aRegisteredPartner() {
        registered = PartnerFixtures.register(PartnerFixtures.lks("Yayasan Kumala"));
    }

    @Override
    protected String database() {
        return "partner";
    }

    @Override
    protected Response read() {
        return given().auth().oauth2(TestTokens.auditor()).when().get("/api/v1/partners/{id}", registered);
    }

    @Override
    protected Response write() {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(newPartner).when().post("/api/v1/partners");
    }

    @Override
    protected long written() throws SQLException {
        return count("SELECT count(*) FROM partner WHERE registration_number = ?", newPartner.get("registrationNumber"));
    }
}
