package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.BeneficiaryFixtures;
import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.MovableClock;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * {@code GET /api/v1/beneficiaries/counts} narrowed to a registration period ({@code from} and {@code to}, days in the
 * programme's time zone, both included) and to one service unit ({@code serviceUnitId}), within the caller's scope;
 * parameters that cannot be read are 400 problem+json naming them. People are registered now, in a unit of their own,
 * and the periods are a day either side of today so that the test holds across Jakarta's midnight.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class CountFiltersTest {

    private static final LocalDate TODAY = LocalDate.now(MovableClock.ZONE);

    @BeforeEach
    void units() {
        ServiceUnitFixtures.standard();
    }

    private static RequestSpecification counts(String token, String by) {
        return given().auth().oauth2(token).queryParam("by", by);
    }

    @Test
    void countsAreNarrowedToTheRegistrationPeriodBothDaysIncludedAndToOneServiceUnit() {
        String unit = ServiceUnitFixtures.fresh();
        for (int i = 0; i < 3; i++) {
            BeneficiaryFixtures.registerFull("Sri Wahyuni", NikFixtures.woman(), unit);
        }
        String other = ServiceUnitFixtures.fresh();
        BeneficiaryFixtures.registerFull("Sri Wahyuni", NikFixtures.woman(), other);

        counts(TestTokens.admin(), "serviceUnit").queryParam("serviceUnitId", unit)
                .queryParam("from", TODAY.minusDays(1).toString()).queryParam("to", TODAY.plusDays(1).toString())
                .when().get("/api/v1/beneficiaries/counts").then().statusCode(200)
                .body("counts.key", contains(unit)).body("counts.count", contains(3));
        counts(TestTokens.admin(), "status").queryParam("serviceUnitId", unit).queryParam("from", TODAY.minusDays(1).toString())
                .when().get("/api/v1/beneficiaries/counts").then().statusCode(200)
                .body("counts.key", contains("REGISTERED")).body("counts.count", contains(3));
        counts(TestTokens.admin(), "status").queryParam("serviceUnitId", unit).queryParam("to", TODAY.plusDays(1).toString())
                .when().get("/api/v1/beneficiaries/counts").then().statusCode(200).body("counts.count", contains(3));
        counts(TestTokens.admin(), "status").queryParam("serviceUnitId", unit).queryParam("from", TODAY.plusDays(2).toString())
                .when().get("/api/v1/beneficiaries/counts").then().statusCode(200).body("counts", empty());
        counts(TestTokens.admin(), "status").queryParam("serviceUnitId", unit).queryParam("to", TODAY.minusDays(2).toString())
                .when().get("/api/v1/beneficiaries/counts").then().statusCode(200).body("counts", empty());
        counts(TestTokens.admin(), "serviceUnit").queryParam("from", TODAY.minusDays(1).toString())
                .when().get("/api/v1/beneficiaries/counts").then().statusCode(200).body("counts.key", hasItem(other));
    }

    @Test
    void aUnitFilterNarrowsAnOfficersScopeAndNeverWidensIt() {
        String unit = ServiceUnitFixtures.fresh();
        BeneficiaryFixtures.registerFull("Sri Wahyuni", NikFixtures.woman(), unit);

        counts(TestTokens.officer(unit), "serviceUnit").queryParam("serviceUnitId", unit)
                .when().get("/api/v1/beneficiaries/counts").then().statusCode(200)
                .body("counts.key", contains(unit)).body("counts.count", contains(1));
        counts(TestTokens.officer(TestTokens.UNIT_A), "serviceUnit").queryParam("serviceUnitId", unit)
                .when().get("/api/v1/beneficiaries/counts").then().statusCode(200).body("counts", empty());
    }

    @Test
    void parametersThatCannotBeReadAreRefusedNamingThem() {
        counts(TestTokens.admin(), "status").queryParam("from", "2026-13-01")
                .when().get("/api/v1/beneficiaries/counts").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors.field", contains("from"));
        counts(TestTokens.admin(), "status").queryParam("to", "04/12/2026")
                .when().get("/api/v1/beneficiaries/counts").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors.field", contains("to"));
        counts(TestTokens.admin(), "status").queryParam("from", "2026-12-04").queryParam("to", "2026-12-03")
                .when().get("/api/v1/beneficiaries/counts").then().statusCode(400)
                .body("errors.field", contains("to")).body("errors.message", hasItem(containsString("2026-12-04")));
        counts(TestTokens.admin(), "status").queryParam("serviceUnitId", "unit-7")
                .when().get("/api/v1/beneficiaries/counts").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors.field", contains("serviceUnitId"));
    }
}
