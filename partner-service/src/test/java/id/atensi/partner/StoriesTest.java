package id.atensi.partner;

import id.atensi.partner.service.AgreementExpiryJob;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static id.atensi.partner.PartnerFixtures.json;
import static id.atensi.partner.PartnerFixtures.lks;
import static id.atensi.partner.PartnerFixtures.register;
import static id.atensi.partner.PartnerFixtures.registerUnit;
import static id.atensi.partner.PartnerFixtures.today;
import static id.atensi.partner.PartnerFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/** The partnership stories of docs/programme.md, each recorded the way a unit or the ministry would record it. */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "partner"))
@WithTestResource(KeycloakTestResource.class)
class StoriesTest {

    @Inject
    AgreementExpiryJob expiryJob;

    @Test
    void pangudiLuhurTrainsWithPertaminaLubricantsCortezianAndYayasanKumala() {
        String pertamina = register(company(unique("PT Pertamina (Persero)"), "STATE_OWNED_COMPANY", null, "31", "31.74"));
        String lubricants = register(company(unique("PT Pertamina Lubricants"), "CSR_COMPANY", pertamina, "31", "31.74"));
        String cortezian = register(company(unique("PT Cortezian Indonesia"), "CSR_COMPANY", null, "31", "31.71"));
        String kumala = register(lks(unique("Yayasan Kumala")));
        String balarenik = register(lks(unique("Yayasan Balarenik")));
        String erbe = register(lks(unique("Yayasan ERBE")));
        String balai = registerUnit(json("name", unique("Balai Karya \"Pangudi Luhur\" Bekasi"), "kind", "BALAI", "provinceCode", "32",
                "regencyCode", "32.75", "residentialCapacity", 150, "clusters", List.of("SOCIAL_EXCLUSION", "TRAFFICKING_VICTIMS")));
        String officer = TestTokens.officer(balai);

        given().auth().oauth2(officer).contentType(ContentType.JSON)
                .body(json("partners", List.of(
                        json("partnerId", lubricants, "since", "2020-02-01", "focus", "Basic automotive and workshop branding", "notes", null),
                        json("partnerId", cortezian, "since", "2020-02-01", "focus", "Grape planting and seedling", "notes", null),
                        json("partnerId", kumala, "since", "2020-02-01", "focus", "Community waste management as a business incubator",
                                "notes", "Coaches scavenger communities"),
                        json("partnerId", balarenik, "since", "2020-02-01", "focus", "Participants", "notes", null),
                        json("partnerId", erbe, "since", "2020-02-01", "focus", "Participants", "notes", null))))
                .when().post("/api/v1/service-units/{id}/partners", balai)
                .then().statusCode(201).body("", hasSize(5));

        String mou = given().auth().oauth2(officer).contentType(ContentType.JSON)
                .body(json("number", unique("MOU/PL/2020"), "title", "Home workshops (bengkel rumahan), grape seedlings and waste business",
                        "kind", "MOU", "startsOn", today().toString(), "endsOn", today().plusYears(1).toString(),
                        "parties", List.of(json("serviceUnitId", balai, "role", "FIRST_PARTY"),
                                json("partnerId", lubricants, "role", "SECOND_PARTY"), json("partnerId", cortezian, "role", "SECOND_PARTY"),
                                json("partnerId", kumala, "role", "SECOND_PARTY")),
                        "scope", json("services", List.of("VOCATIONAL_TRAINING_AND_ENTREPRENEURSHIP"), "regionCodes", List.of("32.75"),
                                "serviceUnitIds", List.of(balai)),
                        "commitments", List.of(
                                json("partnerId", lubricants, "kind", "MONEY", "amountIdr", 150_000_000L, "description", "Workshop tools and branding"),
                                json("partnerId", cortezian, "kind", "IN_KIND", "description", "Grape seedlings and a trainer"),
                                json("partnerId", kumala, "kind", "IN_KIND", "description", "Trainers for community waste management"))))
                .when().post("/api/v1/agreements")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(officer).contentType(ContentType.JSON)
                .body(json("signedOn", today().toString(), "signatories", List.of(json("name", "Kepala Balai", "title", "Head", "partyId", balai),
                        json("name", "Direktur", "title", "Director", "partyId", lubricants))))
                .when().post("/api/v1/agreements/{id}/signature", mou).then().statusCode(200);
        given().auth().oauth2(officer).when().post("/api/v1/agreements/{id}/activation", mou).then().statusCode(200);

        String lubricantsToken = TestTokens.partner(lubricants);
        given().auth().oauth2(lubricantsToken).when().get("/api/v1/partners/{id}", lubricants)
                .then().statusCode(200).body("parentId", equalTo(pertamina));
        given().auth().oauth2(lubricantsToken).when().get("/api/v1/agreements/{id}", mou)
                .then().statusCode(200).body("status", equalTo("ACTIVE")).body("committedIdr", equalTo(150_000_000));
        given().auth().oauth2(lubricantsToken).when().get("/api/v1/partners/{id}/service-units", lubricants)
                .then().statusCode(200).body("serviceUnitId", equalTo(List.of(balai)));
        given().auth().oauth2(lubricantsToken).when().get("/api/v1/partners/{id}", kumala).then().statusCode(404);
        given().auth().oauth2(officer).when().get("/api/v1/agreements/reports/commitments-by-partner")
                .then().statusCode(200).body("find { it.partnerId == '" + lubricants + "' }.committedIdr", equalTo(150_000_000));
    }

    @Test
    void rakornasMousOfTheDirectorateGeneralAreNationalAndCommitTheScavengerAid() {
        String directorate = register(company(unique("Direktorat Jenderal Rehabilitasi Sosial"), "GOVERNMENT_BODY", null, "31", "31.74"));
        String artTherapy = register(company(unique("Art Therapy Centre"), "COMMUNITY", null, "31", "31.74"));
        List<String> foundations = List.of(register(lks(unique("Yayasan Kumala"))), register(lks(unique("Yayasan Suara Peduli Indonesia"))),
                register(lks(unique("Yayasan ERBE"))), register(lks(unique("Yayasan Balarenik"))));

        String artMou = activeNational(json("number", unique("MOU/RAKORNAS/ATC"), "title", "Art therapy for persons with disabilities",
                "kind", "MOU", "startsOn", today().toString(), "endsOn", today().plusYears(3).toString(),
                "parties", List.of(json("partnerId", directorate, "role", "FIRST_PARTY"), json("partnerId", artTherapy, "role", "SECOND_PARTY")),
                "scope", json("services", List.of("THERAPY"), "clusters", List.of("PERSONS_WITH_DISABILITIES"))), directorate);
        List<Map<String, Object>> parties = new ArrayList<>(List.of(json("partnerId", directorate, "role", "FIRST_PARTY")));
        foundations.forEach(id -> parties.add(json("partnerId", id, "role", "SECOND_PARTY")));
        String scavengerMou = activeNational(json("number", unique("MOU/RAKORNAS/LKS"), "title", "ATENSI for scavenger communities",
                "kind", "MOU", "startsOn", today().toString(), "endsOn", today().plusYears(3).toString(), "parties", parties,
                "scope", json("services", List.of("SOCIAL_AID_AND_ASSISTANCE", "VOCATIONAL_TRAINING_AND_ENTREPRENEURSHIP"),
                        "clusters", List.of("SOCIAL_EXCLUSION", "TRAFFICKING_VICTIMS")),
                "commitments", List.of(json("partnerId", directorate, "kind", "MONEY", "amountIdr", 325_000_000L,
                        "description", "5 scavenger communities coached by LKS: each 1 plastic press machine and 2 plastic-cup ring cutting machines"))),
                directorate);

        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/agreements/{id}", scavengerMou)
                .then().statusCode(200).body("parties", hasSize(5)).body("committedIdr", equalTo(325_000_000));
        given().auth().oauth2(TestTokens.admin()).queryParam("partyId", directorate).when().get("/api/v1/agreements")
                .then().statusCode(200).body("items.id", hasItems(artMou, scavengerMou));
        given().auth().oauth2(TestTokens.partner(foundations.get(1))).queryParam("size", 200).when().get("/api/v1/agreements")
                .then().statusCode(200).body("items.id", hasItem(scavengerMou)).body("items.id", not(hasItem(artMou)));
        given().auth().oauth2(TestTokens.officer()).when().get("/api/v1/agreements/{id}", artMou).then().statusCode(200);
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/agreements/reports/commitments-by-partner")
                .then().body("find { it.partnerId == '" + directorate + "' }.committedIdr", equalTo(325_000_000))
                .body("find { it.partnerId == '" + directorate + "' }.activeAgreements", equalTo(2));
    }

    @Test
    void bpjsKetenagakerjaanAndKilangPertaminaPlajuTrainAtBudiPerkasaForFourDays() {
        String pertamina = register(company(unique("PT Pertamina (Persero)"), "STATE_OWNED_COMPANY", null, "31", "31.74"));
        String plaju = register(company(unique("PT Kilang Pertamina Internasional RU III Plaju"), "CSR_COMPANY", pertamina, "16", "16.71"));
        String bpjs = register(company(unique("BPJS Ketenagakerjaan"), "GOVERNMENT_BODY", null, "31", "31.74"));
        String sentra = registerUnit(json("name", unique("Sentra \"Budi Perkasa\" Palembang"), "kind", "SENTRA", "provinceCode", "16",
                "regencyCode", "16.71", "residentialCapacity", 100, "clusters", List.of("PERSONS_WITH_DISABILITIES")));
        String officer = TestTokens.officer(sentra);

        String pks = given().auth().oauth2(officer).contentType(ContentType.JSON)
                .body(json("number", unique("PKS/BP/2022"), "title", "Making bags from tali meiwa cord", "kind", "PKS",
                        "startsOn", "2022-08-30", "endsOn", "2022-09-02",
                        "parties", List.of(json("serviceUnitId", sentra, "role", "FIRST_PARTY"), json("partnerId", bpjs, "role", "SECOND_PARTY"),
                                json("partnerId", plaju, "role", "SECOND_PARTY")),
                        "scope", json("services", List.of("VOCATIONAL_TRAINING_AND_ENTREPRENEURSHIP"), "clusters", List.of("PERSONS_WITH_DISABILITIES"),
                                "regionCodes", List.of("16.71"), "serviceUnitIds", List.of(sentra)),
                        "commitments", List.of(
                                json("partnerId", plaju, "kind", "IN_KIND", "description", "Coached small businesses of the refinery teach the bag making"),
                                json("partnerId", bpjs, "kind", "IN_KIND", "description", "Free training for persons with disabilities"))))
                .when().post("/api/v1/agreements")
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(officer).contentType(ContentType.JSON)
                .body(json("signedOn", "2022-08-29", "signatories", List.of(json("name", "Kepala Sentra", "title", "Head", "partyId", sentra))))
                .when().post("/api/v1/agreements/{id}/signature", pks).then().statusCode(200);
        given().auth().oauth2(officer).when().post("/api/v1/agreements/{id}/activation", pks)
                .then().statusCode(409);

        expiryJob.run();

        given().auth().oauth2(TestTokens.partner(plaju)).when().get("/api/v1/agreements/{id}", pks)
                .then().statusCode(200)
                .body("status", equalTo("EXPIRED"))
                .body("endsOn", equalTo(LocalDate.of(2022, 9, 2).toString()))
                .body("parties.name", hasItem(org.hamcrest.Matchers.containsString("BPJS Ketenagakerjaan")));
        given().auth().oauth2(TestTokens.partner(plaju)).when().get("/api/v1/partners/{id}", plaju)
                .then().body("parentId", equalTo(pertamina));
        given().auth().oauth2(officer).contentType(ContentType.JSON)
                .body(json("number", unique("ADD"), "title", "Waste follow-up", "signedOn", today().toString(), "summary", "Healthy environment on 4.7 ha"))
                .when().post("/api/v1/agreements/{id}/addenda", pks)
                .then().statusCode(409);
    }

    private static Map<String, Object> company(String name, String type, String parentId, String province, String regency) {
        Map<String, Object> company = PartnerFixtures.company(name, type);
        company.put("parentId", parentId);
        company.put("provinceCode", province);
        company.put("regencyCode", regency);
        return company;
    }

    /** Drafts, signs and activates an agreement without a service unit: only an admin may. */
    private static String activeNational(Map<String, Object> mou, String signingParty) {
        String id = PartnerFixtures.draft(mou);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(json("signedOn", today().toString(), "signatories", List.of(json("name", "Direktur Jenderal", "title", "Director-General",
                        "partyId", signingParty))))
                .when().post("/api/v1/agreements/{id}/signature", id).then().statusCode(200);
        PartnerFixtures.activate(id);
        return id;
    }
}
