package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.JvmCounter;
import id.atensi.beneficiary.NikFixtures;
import id.atensi.beneficiary.ServiceUnitFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Name search within a province (served by the province-keyed trigram index) and its totals across pages. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "beneficiary"))
class NameSearchTest {

    /** None of NameSearchPageTest's syllables, so that a fragment of one test's family is no fragment of the other's. */
    private static final String[] SYLLABLES = {"da", "si", "hu", "yo", "ze", "ja", "co", "fi", "vu", "se"};

    @BeforeEach
    void serviceUnitsAreKnown() {
        ServiceUnitFixtures.standard();
    }

    /**
     * A family name no other test uses: a counter of the test JVM's, each digit spelled as a syllable, so that two
     * families of one run never meet and name folding leaves them as they are. The count is first multiplied by a number
     * prime to 100,000 (one family per count still): consecutive counts then differ in their leading digits too, which
     * the fragment searched below is made of.
     */
    private static String family() {
        long count = JvmCounter.next("atensi-test-fixtures.name-search-family", 100_000);
        StringBuilder name = new StringBuilder();
        for (char digit : "%05d".formatted(count * 7_919 % 100_000).toCharArray()) {
            name.append(SYLLABLES[digit - '0']);
        }
        return name.toString();
    }

    private static String register(String fullName, String provinceCode) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("""
                        {"fullName": "%s", "nik": "%s", "birthDate": "%s", "sex": "FEMALE", "address": {"provinceCode": "%s"},
                         "serviceUnitId": "%s"}
                        """.formatted(fullName, NikFixtures.woman(), NikFixtures.WOMAN_BIRTH_DATE, provinceCode, TestTokens.UNIT_A))
                .when().post("/api/v1/beneficiaries")
                .then().statusCode(201).extract().path("id");
    }

    private static RequestSpecification search(String name) {
        return given().auth().oauth2(TestTokens.admin()).queryParam("name", name);
    }

    @Test
    void withinAProvinceFragmentsMatchAnywhereInTheNameAndOnlyThere() {
        String family = family();
        String west = register("Siti " + family + "wati", "32");
        String westToo = register("Dewi Nur" + family, "32");
        String central = register("Siti " + family, "33");

        search(family.substring(1, 7)).queryParam("provinceCode", "32").when().get("/api/v1/beneficiaries")
                .then().statusCode(200)
                .body("items.id", containsInAnyOrder(west, westToo))
                .body("total", equalTo(2));
        search("si " + family).queryParam("provinceCode", "33").queryParam("status", "REGISTERED")
                .when().get("/api/v1/beneficiaries")
                .then().statusCode(200)
                .body("items.id", contains(central))
                .body("total", equalTo(1));
        search("SITI " + family.charAt(0) + family + "WATI").queryParam("provinceCode", "32").when().get("/api/v1/beneficiaries")
                .then().statusCode(200)
                .body("items.id", contains(west));
        search(family).queryParam("provinceCode", "11").when().get("/api/v1/beneficiaries")
                .then().statusCode(200)
                .body("items", hasSize(0))
                .body("total", equalTo(0));
        search(family).when().get("/api/v1/beneficiaries")
                .then().statusCode(200)
                .body("total", equalTo(3));
    }

    @Test
    void everyPageOfANameSearchCarriesTheTotalOfAllMatches() {
        String family = family();
        String a = register("Ani " + family, "32");
        String b = register("Budi " + family, "32");
        String c = register("Citra " + family, "32");

        search(family).queryParam("size", 2).when().get("/api/v1/beneficiaries")
                .then().statusCode(200)
                .body("items.id", contains(a, b))
                .body("total", equalTo(3));
        search(family).queryParam("size", 2).queryParam("page", 1).when().get("/api/v1/beneficiaries")
                .then().statusCode(200)
                .body("items.id", contains(c))
                .body("total", equalTo(3));
        search(family).queryParam("size", 2).queryParam("page", 5).when().get("/api/v1/beneficiaries")
                .then().statusCode(200)
                .body("items", hasSize(0))
                .body("total", equalTo(3));
        search(family).queryParam("provinceCode", "32").queryParam("sort", "-registeredAt").queryParam("size", 1)
                .when().get("/api/v1/beneficiaries")
                .then().statusCode(200)
                .body("items.id", contains(c))
                .body("total", equalTo(3));
    }
}
