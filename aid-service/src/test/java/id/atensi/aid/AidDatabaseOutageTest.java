package id.atensi.aid;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.DatabaseOutageContract;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;

import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/** An aid item read and an item created while aid-service's database cannot be reached, and after it is back. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = {@ResourceArg(name = "database", value = "aid"),
        @ResourceArg(name = "database-outage", value = "true")})
class AidDatabaseOutageTest extends DatabaseOutageContract {

    private final String code = "BERAS-" + UUID.randomUUID();
    private String item;

    private static Map<String, Object> item(String code) {
        return Map.of("code", code, "name", "Beras medium 5 kg", "unit", "sak", "category", "STAPLE_FOOD_PACKAGE", "amountIdr", 68_000);
    }

    @BeforeEach
    void anItem() {
        item = ProgrammeFixtures.as(TestTokens.officer()).body(item("MINYAK-" + UUID.randomUUID())).post("/api/v1/aid/items")
                .then().statusCode(201).extract().path("id");
    }

    @Override
    protected String database() {
        return "aid";
    }

    @Override
    protected Response read() {
        return ProgrammeFixtures.as(TestTokens.auditor()).get("/api/v1/aid/items/{id}", item);
    }

    @Override
    protected Response write() {
        return ProgrammeFixtures.as(TestTokens.officer()).body(item(code)).post("/api/v1/aid/items");
    }

    @Override
    protected long written() throws SQLException {
        return count("SELECT count(*) FROM aid_item WHERE code = ?", code);
    }
}
