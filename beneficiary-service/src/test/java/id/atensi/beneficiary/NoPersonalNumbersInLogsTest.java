package id.atensi.beneficiary;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class NoPersonalNumbersInLogsTest {

    @BeforeEach
    void serviceUnitsAreKnown() {
        ServiceUnitFixtures.standard();
    }

    @Test
    void noLogLineCarriesANikOrKkNumberWhateverHappens() throws InterruptedException {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
                if (record.getParameters() != null) {
                    for (Object parameter : record.getParameters()) {
                        line.append(' ').append(parameter);
                    }
                }
                if (record.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append(trace);
                }
                lines.add(line.toString());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        String nik = NikFixtures.woman();
        String kk = "3201019999200001";
        try {
            String unit = TestTokens.UNIT_A;
            String body = BeneficiaryFixtures.fullRecord("Log Test", nik, kk, "32.01.01.1001", unit);
            String id = given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/beneficiaries").then().statusCode(201).extract().path("id");
            given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(body)
                    .when().post("/api/v1/beneficiaries").then().statusCode(409);
            given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).body(body.replace("32.01.01.1001", "32.01.01.9999"))
                    .when().put("/api/v1/beneficiaries/{id}", id).then().statusCode(428);
            given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                    .body(body.replace("32.01.01.1001", "32.01.01.9999"))
                    .when().put("/api/v1/beneficiaries/{id}", id).then().statusCode(400);
            given().auth().oauth2(TestTokens.officer()).queryParam("nik", nik).when().get("/api/v1/beneficiaries").then().statusCode(200);
            given().auth().oauth2(TestTokens.officer()).contentType("text/csv")
                    .body("fullName,nik,birthDate,sex,kkNumber\nLog Dua," + nik + ",1990-01-01,FEMALE," + kk)
                    .when().post("/api/v1/beneficiary-imports").then().statusCode(202);
            Thread.sleep(1000);
            org.jboss.logging.Logger.getLogger(NoPersonalNumbersInLogsTest.class).info("capture-marker");
        } finally {
            root.removeHandler(capture);
        }
        org.junit.jupiter.api.Assertions.assertTrue(lines.stream().anyMatch(line -> line.contains("capture-marker")),
                "the handler sees the service's logging");
        for (String line : lines) {
            assertFalse(line.contains(nik) || line.contains(kk), "a log line carries a personal number: " + line);
        }
    }
}
