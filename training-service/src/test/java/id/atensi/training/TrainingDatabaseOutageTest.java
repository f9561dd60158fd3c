package id.atensi.training;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.DatabaseOutageContract;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;

import java.sql.SQLException;
import java.util.UUID;

/** A programme read and a programme created while training-service's database cannot be reached, and after it is back. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = {@ResourceArg(name = "database", value = "training"),
        @ResourceArg(name = "database-outage", value = "true")})
class TrainingDatabaseOutageTest extends DatabaseOutageContract {

    private final String title = "Pelatihan menjahit " + UUID.randomUUID();
    private String programme;

    @BeforeEach
    void aProgramme() {
        programme = ClassFixtures.programme("Pelatihan bengkel motor", "AUTOMOTIVE");
    }

    @Override
    protected String database() {
        return "training";
    }

    @Override
    protected Response read() {
        return ClassFixtures.as(TestTokens.viewer()).when().get("/api/v1/training/programmes/{id}", programme);
    }

    @Override
    protected Response write() {
        return ClassFixtures.officer().body("""
                {"title":"%s","skillAreas":["CRAFTS"]}""".formatted(title)).when().post("/api/v1/training/programmes");
    }

    @Override
    protected long written() throws SQLException {
        return count("SELECT count(*) FROM programme WHERE title = ?", title);
    }
}
