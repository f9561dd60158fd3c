package id.atensi.beneficiary;

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
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** A person read and a registration while beneficiary-service's database cannot be reached, and after it is back. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = {@ResourceArg(name = "database", value = "beneficiary"),
        @ResourceArg(name = "database-outage", value = "true")})
class BeneficiaryDatabaseOutageTest extends DatabaseOutageContract {

    private final String name = "Sri Outage " + UUID.randomUUID().toString().substring(0, 8);
    private final String nik = NikFixtures.woman();
    private String registered;

    @BeforeEach
    void aRegisteredPerson() {
        ServiceUnitFixtures.standard();
        registered = BeneficiaryFixtures.register("Siti Aminah", NikFixtures.woman(), NikFixtures.WOMAN_BIRTH_DATE, "FEMALE");
    }

    @Override
    protected String database() {
        return "beneficiary";
    }

    @Override
    protected Response read() {
        return given().auth().oauth2(TestTokens.auditor()).when().get("/api/v1/beneficiaries/{id}", registered);
    }

    @Override
    protected Response write() {
        return given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.registration(name, nik, NikFixtures.WOMAN_BIRTH_DATE, "FEMALE"))
                .when().post("/api/v1/beneficiaries");
    }

    @Override
    protected long written() throws SQLException {
        return count("SELECT count(*) FROM beneficiary WHERE full_name = ?", name);
    }
}
