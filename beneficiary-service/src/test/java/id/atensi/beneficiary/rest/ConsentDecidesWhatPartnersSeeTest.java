package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.BeneficiaryFixtures;
import id.atensi.beneficiary.ConsentFixtures;
import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.PartnerFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Consent decides what a partner sees (UU 27/2022): every partner-facing read path of this service, with the person's
 * PARTNER_SHARING consent never given, given, withdrawn and given again. Staff see the same throughout: the serving
 * unit works under the programme's own lawful basis.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class ConsentDecidesWhatPartnersSeeTest {

    private static final String NAME = "Ratna Kusumawati";

    @BeforeEach
    void serviceUnitsAreKnown() {
        ServiceUnitFixtures.standard();
    }

    /** One read path as a partner takes it, and whether its answer showed the person's personal data. */
    private record ReadPath(String name, Function<Person, Boolean> showsPersonalData) {
    }

    private record Person(String id, String nik, String partner, String household) {
    }

    private static final List<ReadPath> READ_PATHS = List.of(
            new ReadPath("get", p -> {
                ValidatableResponse read = asPartner(p).get("/api/v1/beneficiaries/{id}", p.id()).then().statusCode(200);
                boolean withheld = read.extract().path("personalDataWithheld");
                if (withheld) {
                    read.body("fullName", nullValue()).body("nik", nullValue()).body("birthDate", nullValue())
                            .body("address", nullValue()).body("phone", nullValue()).body("clusters", empty())
                            .body("partnerIds", contains(p.partner())).body("status", equalTo("REGISTERED"));
                }
                return !withheld;
            }),
            new ReadPath("list", p -> {
                ValidatableResponse list = asPartner(p).get("/api/v1/beneficiaries").then().statusCode(200)
                        .body("items.id", hasItem(p.id()));
                return NAME.equals(list.extract().path("items.find { it.id == '" + p.id() + "' }.fullName"));
            }),
            new ReadPath("search by name", p -> found(asPartner(p).queryParam("name", "ratna kusuma"), p)),
            new ReadPath("search by NIK", p -> found(asPartner(p).queryParam("nik", p.nik()), p)),
            new ReadPath("search by village", p -> found(asPartner(p).queryParam("villageCode", "32.01.01.1001"), p)),
            new ReadPath("search by cluster", p -> found(asPartner(p).queryParam("cluster", "ELDERLY"), p)),
            new ReadPath("sort by name", p -> found(asPartner(p).queryParam("sort", "fullName"), p)),
            new ReadPath("count by cluster", p -> {
                List<Map<String, Object>> groups = asPartner(p).queryParam("by", "cluster")
                        .get("/api/v1/beneficiaries/counts").then().statusCode(200).extract().path("counts");
                return groups != null && !groups.isEmpty();
            }),
            new ReadPath("timeline", p -> allowed(asPartner(p).get("/api/v1/beneficiaries/{id}/timeline", p.id()))),
            new ReadPath("assessments", p -> allowed(asPartner(p).get("/api/v1/beneficiaries/{id}/assessments", p.id()))),
            new ReadPath("intervention plan", p -> allowed(asPartner(p).get("/api/v1/beneficiaries/{id}/intervention-plan", p.id()))),
            new ReadPath("transfers", p -> allowed(asPartner(p).get("/api/v1/beneficiaries/{id}/transfers", p.id()))),
            new ReadPath("household member", p -> NAME.equals(asPartner(p).get("/api/v1/households/{id}", p.household())
                    .then().statusCode(200).extract().path("members[0].fullName"))),
            new ReadPath("household KK number", p -> asPartner(p).get("/api/v1/households/{id}", p.household())
                    .then().statusCode(200).extract().path("kkNumber") != null));

    private static io.restassured.specification.RequestSpecification asPartner(Person person) {
        return given().auth().oauth2(TestTokens.partner(person.partner()));
    }

    private static boolean found(io.restassured.specification.RequestSpecification search, Person person) {
        List<String> ids = search.get("/api/v1/beneficiaries").then().statusCode(200).extract().path("items.id");
        return ids.contains(person.id());
    }

    private static boolean allowed(io.restassured.response.Response response) {
        int status = response.statusCode();
        if (status == 403) {
            response.then().body("purpose", equalTo("PARTNER_SHARING"));
            return false;
        }
        assertEquals(200, status, response.asString());
        return true;
    }

    private static Person personServedByAFreshPartner() {
        String partner = PartnerFixtures.fresh();
        String nik = NikFixtures.woman();
        String kk = "3201" + nik.substring(4);
        String id = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(BeneficiaryFixtures.fullRecord(NAME, nik, kk, "32.01.01.1001", TestTokens.UNIT_A, partner))
                .when().post("/api/v1/beneficiaries").then().statusCode(201).extract().path("id");
        String household = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"kkNumber\": \"" + kk + "\", \"members\": [{\"beneficiaryId\": \"" + id + "\", \"relationship\": \"HEAD\"}]}")
                .when().post("/api/v1/households").then().log().ifValidationFails().statusCode(201).extract().path("id");
        return new Person(id, nik, partner, household);
    }

    private static void assertEveryPath(Person person, boolean shown, String state) {
        StringBuilder wrong = new StringBuilder();
        for (ReadPath path : READ_PATHS) {
            if (path.showsPersonalData().apply(person) != shown) {
                wrong.append("\n  ").append(path.name()).append(shown ? " withheld" : " showed").append(" personal data");
            }
        }
        assertEquals("", wrong.toString(), "with PARTNER_SHARING consent " + state + ":");
    }

    @Test
    void aPartnerSeesAPersonsPersonalDataOnlyWhileTheConsentToShareItHolds() {
        Person person = personServedByAFreshPartner();
        assertEveryPath(person, false, "never recorded");

        ConsentFixtures.give(person.id(), "PARTNER_SHARING");
        assertEveryPath(person, true, "given");

        ConsentFixtures.withdraw(person.id(), "PARTNER_SHARING");
        assertEveryPath(person, false, "withdrawn");

        ConsentFixtures.give(person.id(), "PARTNER_SHARING");
        assertEveryPath(person, true, "given again");
    }

    @Test
    void consentToAnotherPurposeOpensNothingToPartners() {
        Person person = personServedByAFreshPartner();
        for (String purpose : List.of("SERVICE_DELIVERY", "REGISTRY_EXCHANGE", "STATISTICS_AND_RESEARCH", "FOLLOW_UP_CONTACT")) {
            ConsentFixtures.give(person.id(), purpose);
        }
        assertEveryPath(person, false, "not given, every other purpose given");
    }

    @Test
    void theServingUnitSeesThePersonWhateverTheConsent() {
        Person person = personServedByAFreshPartner();
        ConsentFixtures.withdraw(person.id(), "PARTNER_SHARING");
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}", person.id())
                .then().statusCode(200)
                .body("fullName", equalTo(NAME))
                .body("nik", equalTo(person.nik()))
                .body("personalDataWithheld", equalTo(false));
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}/timeline", person.id())
                .then().statusCode(200).body("kind", hasItem("consent-changed"));
    }

    @Test
    void aPartnerWithoutConsentCannotChangeTheRecord() {
        Person person = personServedByAFreshPartner();
        String etag = given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/beneficiaries/{id}", person.id())
                .then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(TestTokens.partner(person.partner())).contentType(ContentType.JSON).header("If-Match", etag)
                .body(BeneficiaryFixtures.fullRecord(NAME, person.nik(), "3201010101200001", "32.01.01.1001", TestTokens.UNIT_A,
                        person.partner()))
                .when().put("/api/v1/beneficiaries/{id}", person.id())
                .then().statusCode(403).body("purpose", equalTo("PARTNER_SHARING"));
    }

    @Test
    void aPartnerRecordsAWithdrawalButNeverAConsent() {
        Person person = personServedByAFreshPartner();
        given().auth().oauth2(TestTokens.partner(person.partner())).contentType(ContentType.JSON)
                .body(ConsentFixtures.body("PARTNER_SHARING", true))
                .when().post("/api/v1/beneficiaries/{id}/consents", person.id())
                .then().statusCode(403);
        ConsentFixtures.give(person.id(), "PARTNER_SHARING");
        given().auth().oauth2(TestTokens.partner(person.partner())).contentType(ContentType.JSON)
                .body(ConsentFixtures.body("PARTNER_SHARING", false))
                .when().post("/api/v1/beneficiaries/{id}/consents", person.id())
                .then().statusCode(201).body("given", equalTo(false));
        assertEveryPath(person, false, "withdrawn through the partner");
        given().auth().oauth2(TestTokens.partner(person.partner())).when().get("/api/v1/beneficiaries/{id}/consents", person.id())
                .then().statusCode(200).body("given", contains(true, false));
    }

    @Test
    void serviceDeliveryRestsOnTheMandateAndCannotBeWithdrawn() {
        Person person = personServedByAFreshPartner();
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body(ConsentFixtures.body("SERVICE_DELIVERY", false))
                .when().post("/api/v1/beneficiaries/{id}/consents", person.id())
                .then().statusCode(422).body("errors.field", hasItem("purpose"));
    }

    @Test
    void aConsentRecordNeedsAKnownPurposeAndEvidence() {
        Person person = personServedByAFreshPartner();
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"purpose\": \"PARTNER_SHARING\", \"given\": true, \"evidence\": {}}")
                .when().post("/api/v1/beneficiaries/{id}/consents", person.id())
                .then().statusCode(400).body("errors.field", hasItem("evidence"));
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"purpose\": \"PARTNER_SHARING\", \"given\": true}")
                .when().post("/api/v1/beneficiaries/{id}/consents", person.id())
                .then().statusCode(400).body("errors.field", hasItem("evidence"));
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"purpose\": \"PARTNER_SHARING\", \"given\": true, \"evidence\": {\"documentSha256\": \"not-a-digest\"}}")
                .when().post("/api/v1/beneficiaries/{id}/consents", person.id())
                .then().statusCode(400).body("errors.field", hasItem("evidence.documentSha256"));
        given().auth().oauth2(TestTokens.officer()).contentType(ContentType.JSON)
                .body("{\"purpose\": \"data-sharing-with-partners\", \"given\": true, \"evidence\": {\"formReference\": \"F-1\"}}")
                .when().post("/api/v1/beneficiaries/{id}/consents", person.id())
                .then().statusCode(400).body("status", equalTo(400));
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/beneficiaries/{id}/consents", person.id())
                .then().statusCode(200).body("$", empty());
        given().auth().oauth2(TestTokens.partner(person.partner())).when().get("/api/v1/beneficiaries/{id}", person.id())
                .then().statusCode(200).body("personalDataWithheld", equalTo(true)).body("fullName", not(equalTo(NAME)));
    }
}
