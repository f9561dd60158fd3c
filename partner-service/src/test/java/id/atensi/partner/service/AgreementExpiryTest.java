package id.atensi.partner.service;

import id.atensi.partner.MovableClock;
import id.atensi.partner.service.AgreementExpiryJob;
import id.atensi.partner.KeycloakTestResource;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static id.atensi.partner.PartnerFixtures.activate;
import static id.atensi.partner.PartnerFixtures.agreement;
import static id.atensi.partner.PartnerFixtures.draft;
import static id.atensi.partner.PartnerFixtures.lks;
import static id.atensi.partner.PartnerFixtures.register;
import static id.atensi.partner.PartnerFixtures.registerUnit;
import static id.atensi.partner.PartnerFixtures.sign;
import static id.atensi.partner.PartnerFixtures.today;
import static id.atensi.partner.PartnerFixtures.unique;
import static id.atensi.partner.PartnerFixtures.unit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "partner"))
@WithTestResource(KeycloakTestResource.class)
class AgreementExpiryTest {

    @Inject
    MovableClock clock;

    @Inject
    AgreementExpiryJob job;

    @AfterEach
    void backToToday() {
        clock.reset();
    }

    @Test
    void theJobExpiresAgreementsOnlyOnceTheirLastDayHasPassed() {
        String unitId = registerUnit(unit(unique("Balai Kedaluwarsa")));
        String partner = register(lks(unique("Yayasan Kedaluwarsa")));
        String endingToday = draft(agreement(unitId, partner, 1, today().minusMonths(6), today()));
        sign(endingToday, unitId);
        activate(endingToday);

        job.run();
        status(endingToday, "ACTIVE");

        clock.moveForward(Duration.ofDays(1));
        job.run();
        status(endingToday, "EXPIRED");
    }

    @Test
    void aSignedAgreementThatWasNeverActivatedExpiresToo() {
        String unitId = registerUnit(unit(unique("Balai Lupa")));
        String id = draft(agreement(unitId, register(lks(unique("Yayasan Lupa"))), 1, today().minusYears(1), today()));
        sign(id, unitId);

        clock.moveForward(Duration.ofDays(1));
        job.run();

        status(id, "EXPIRED");
        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/agreements/{id}/activation", id)
                .then().statusCode(409).body("allowedTransitions", equalTo(List.of()));
    }

    @Test
    void aDraftPastItsEndDateDoesNotExpire() {
        String unitId = registerUnit(unit(unique("Balai Draf Lama")));
        String draftId = draft(agreement(unitId, register(lks(unique("Yayasan Draf Lama"))), 1, today().minusYears(1), today().minusDays(1)));

        job.run();

        status(draftId, "DRAFT");
    }

    @Test
    void expiringWithinNDaysListsAgreementsInForceEndingInThatWindow() {
        String unitId = registerUnit(unit(unique("Balai Segera")));
        String partner = register(lks(unique("Yayasan Segera")));
        String soon = draft(agreement(unitId, partner, 1, today(), today().plusDays(5)));
        sign(soon, unitId);
        String later = draft(agreement(unitId, partner, 1, today(), today().plusDays(40)));
        sign(later, unitId);
        String draftSoon = draft(agreement(unitId, partner, 1, today(), today().plusDays(3)));

        given().auth().oauth2(TestTokens.admin()).queryParam("withinDays", 10).queryParam("size", 200)
                .when().get("/api/v1/agreements/expiring")
                .then().statusCode(200)
                .body("items.id", hasItem(soon))
                .body("items.id", not(hasItems(later)))
                .body("items.id", not(hasItems(draftSoon)));
        given().auth().oauth2(TestTokens.admin()).queryParam("withinDays", 60).queryParam("size", 200)
                .when().get("/api/v1/agreements/expiring")
                .then().body("items.id", hasItems(soon, later));
        given().auth().oauth2(TestTokens.partner(partner)).queryParam("withinDays", 60)
                .when().get("/api/v1/agreements/expiring")
                .then().body("total", equalTo(2));
    }

    @Test
    void expiringWindowOutOfRangeIsAFieldError() {
        given().auth().oauth2(TestTokens.admin()).queryParam("withinDays", 5000)
                .when().get("/api/v1/agreements/expiring")
                .then().statusCode(400)
                .body("errors.field", hasItem("withinDays"));
    }

    @Test
    void accreditationLapsesWhenItsExpiryDatePasses() {
        Map<String, Object> lks = lks(unique("Yayasan Akreditasi"));
        lks.put("accreditationExpiresOn", today().toString());
        String id = register(lks);
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/partners/{id}", id)
                .then().body("accreditationLapsed", equalTo(false));

        clock.moveForward(Duration.ofDays(1));

        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/partners/{id}", id)
                .then().body("accreditationLapsed", equalTo(true));
    }

    private static void status(String id, String expected) {
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/agreements/{id}", id)
                .then().statusCode(200).body("status", equalTo(expected));
    }
}
