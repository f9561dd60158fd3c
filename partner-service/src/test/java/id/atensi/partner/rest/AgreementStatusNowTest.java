package id.atensi.partner.rest;

import id.atensi.partner.MovableClock;
import id.atensi.partner.PartnerFixtures;
import id.atensi.partner.service.AgreementExpiryJob;
import id.atensi.partner.KeycloakTestResource;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.testing.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static id.atensi.partner.PartnerFixtures.agreement;
import static id.atensi.partner.PartnerFixtures.draft;
import static id.atensi.partner.PartnerFixtures.json;
import static id.atensi.partner.PartnerFixtures.lks;
import static id.atensi.partner.PartnerFixtures.register;
import static id.atensi.partner.PartnerFixtures.registerUnit;
import static id.atensi.partner.PartnerFixtures.today;
import static id.atensi.partner.PartnerFixtures.unique;
import static id.atensi.partner.PartnerFixtures.unit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an agreement's read, its list entry, the list's status filter, its allowedTransitions and the transitions
 * themselves say is true at the moment of the request: an agreement whose last day has passed (in Asia/Jakarta) is
 * EXPIRED at 00:00 the next day, before the expiry job records it. The clock is pinned, so the tests stand exactly on
 * either side of midnight.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "partner"))
@WithTestResource(KeycloakTestResource.class)
class AgreementStatusNowTest {

    private static final String TOPIC = "atensi.partner.events";
    private static final List<String> STATUSES = List.of("DRAFT", "SIGNED", "ACTIVE", "EXPIRED", "TERMINATED");
    /** The statuses a request can ask for, each with its endpoint; EXPIRED comes with the calendar. */
    private static final List<String> REQUESTABLE = List.of("SIGNED", "ACTIVE", "TERMINATED");

    @Inject
    MovableClock clock;

    @Inject
    AgreementExpiryJob job;

    @AfterEach
    void backToRealTime() {
        clock.reset();
    }

    @Test
    void anActiveAgreementPastItsLastDayReadsListsAndFiltersAsExpiredBeforeTheJobRecordsIt() {
        LocalDate lastDay = today();
        clock.pinAt(lastDay, LocalTime.NOON);
        String unitId = registerUnit(unit(unique("Balai Tepat Waktu")));
        String partner = register(lks(unique("Yayasan Tepat Waktu")));
        String id = draft(agreement(unitId, partner, 70_000_000, lastDay.minusMonths(6), lastDay));
        sign(id, unitId, lastDay).statusCode(200);
        post(id, "ACTIVE").statusCode(200);

        clock.pinAt(lastDay, LocalTime.MAX);
        read(id).body("status", equalTo("ACTIVE")).body("allowedTransitions", equalTo(List.of("TERMINATED")));
        listed(partner, "ACTIVE").body("items.id", equalTo(List.of(id)));
        commitmentsReport().body("partnerId", hasItem(partner));

        clock.pinAt(lastDay.plusDays(1), LocalTime.MIDNIGHT);
        long version = read(id)
                .body("status", equalTo("EXPIRED"))
                .body("allowedTransitions", equalTo(List.of()))
                .extract().jsonPath().getLong("version");
        listed(partner, null).body("items.id", equalTo(List.of(id))).body("items.status", equalTo(List.of("EXPIRED")));
        listed(partner, "EXPIRED").body("items.id", equalTo(List.of(id)));
        listed(partner, "ACTIVE").body("total", equalTo(0));
        listed(partner, "SIGNED").body("total", equalTo(0));
        post(id, "ACTIVE").statusCode(409)
                .body("currentStatus", equalTo("EXPIRED")).body("allowedTransitions", equalTo(List.of()));
        post(id, "TERMINATED").statusCode(409)
                .body("currentStatus", equalTo("EXPIRED")).body("allowedTransitions", equalTo(List.of()));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(json("number", unique("ADD"), "title", "Late extension", "signedOn", lastDay.toString(),
                        "summary", "One more year", "endsOn", lastDay.plusYears(1).toString()))
                .when().post("/api/v1/agreements/{id}/addenda", id)
                .then().statusCode(409).body("currentStatus", equalTo("EXPIRED"));
        commitmentsReport().body("partnerId", not(hasItem(partner)));
        given().auth().oauth2(TestTokens.partner(partner)).queryParam("withinDays", 30)
                .when().get("/api/v1/agreements/expiring")
                .then().statusCode(200).body("total", equalTo(0));

        job.run();

        read(id).body("status", equalTo("EXPIRED")).body("allowedTransitions", equalTo(List.of()))
                .body("version", equalTo((int) version + 1));
    }

    @Test
    void aSignedAgreementPastItsLastDayOffersNoActivation() {
        LocalDate lastDay = today();
        clock.pinAt(lastDay, LocalTime.NOON);
        String unitId = registerUnit(unit(unique("Balai Lupa Aktif")));
        String partner = register(lks(unique("Yayasan Lupa Aktif")));
        String id = draft(agreement(unitId, partner, 1, lastDay.minusYears(1), lastDay));
        sign(id, unitId, lastDay).statusCode(200);

        clock.pinAt(lastDay, LocalTime.MAX);
        read(id).body("status", equalTo("SIGNED")).body("allowedTransitions", equalTo(List.of("ACTIVE", "TERMINATED")));

        clock.pinAt(lastDay.plusDays(1), LocalTime.MIDNIGHT);
        read(id).body("status", equalTo("EXPIRED")).body("allowedTransitions", equalTo(List.of()));
        listed(partner, "SIGNED").body("total", equalTo(0));
        listed(partner, "EXPIRED").body("items.status", equalTo(List.of("EXPIRED")));
        post(id, "ACTIVE").statusCode(409)
                .body("currentStatus", equalTo("EXPIRED"))
                .body("allowedTransitions", equalTo(List.of()))
                .body("detail", containsString("ended on " + lastDay));
    }

    @Test
    void signingAnAgreementOfThePastRecordsItsExpiryAtOnce() {
        try (TopicReader topic = TopicReader.of(TOPIC)) {
            String unitId = registerUnit(unit(unique("Balai Arsip")));
            String id = draft(agreement(unitId, register(lks(unique("Yayasan Arsip"))), 1, today().minusYears(2), today().minusYears(1)));

            long version = sign(id, unitId, today().minusYears(2)).statusCode(200)
                    .body("status", equalTo("EXPIRED"))
                    .body("allowedTransitions", equalTo(List.of()))
                    .extract().jsonPath().getLong("version");
            topic.await(r -> id.equals(r.key()) && "atensi.partner.agreement.signed.v1".equals(TopicReader.header(r, "ce_type")),
                    Duration.ofSeconds(20));
            topic.await(r -> id.equals(r.key()) && "atensi.partner.agreement.expired.v1".equals(TopicReader.header(r, "ce_type")),
                    Duration.ofSeconds(20));

            job.run();
            read(id).body("version", equalTo((int) version));
        }
    }

    @Test
    void anAddendumEndingThePeriodBeforeTodayExpiresTheAgreement() {
        String[] ids = PartnerFixtures.activeAgreement(10_000_000);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(json("number", unique("ADD"), "title", "Early close", "signedOn", today().toString(),
                        "summary", "The programme closed last week", "startsOn", today().minusMonths(3).toString(),
                        "endsOn", today().minusDays(7).toString()))
                .when().post("/api/v1/agreements/{id}/addenda", ids[2])
                .then().statusCode(201);

        long version = read(ids[2]).body("status", equalTo("EXPIRED")).body("allowedTransitions", equalTo(List.of()))
                .extract().jsonPath().getLong("version");
        listed(ids[1], "ACTIVE").body("total", equalTo(0));
        job.run();
        read(ids[2]).body("version", equalTo((int) version));
    }

    /**
     * Exhaustive over the states an agreement can be in (including either side of its last midnight, recorded or not)
     * and the transitions a request can ask for: a transition is accepted exactly when the read just before offered it,
     * a refusal repeats the read's status and offer, and the list filter finds the agreement under its read status
     * only.
     */
    @Test
    void everyOfferedTransitionIsAcceptedAndEveryOtherRefusedWithTheReadsOwnOffer() {
        List<String> failures = new ArrayList<>();
        for (State state : State.values()) {
            for (String target : REQUESTABLE) {
                try {
                    check(state, target);
                } catch (AssertionError e) {
                    failures.add(state + " → " + target + ": " + e.getMessage());
                } finally {
                    clock.reset();
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private void check(State state, String target) {
        Made made = state.make.apply(this);
        ExtractableResponse<Response> before = read(made.id).extract();
        String status = before.path("status");
        List<String> allowed = before.path("allowedTransitions");
        for (String filter : STATUSES) {
            List<String> found = given().auth().oauth2(TestTokens.admin()).queryParam("q", made.number).queryParam("status", filter)
                    .when().get("/api/v1/agreements").then().statusCode(200).extract().path("items.status");
            assertEquals(filter.equals(status) ? List.of(status) : List.of(), found, "listed under status=" + filter);
        }

        ExtractableResponse<Response> answer = post(made.id, target, made.unit, made.today).extract();
        if (allowed.contains(target)) {
            assertEquals(200, answer.statusCode(), "offered " + allowed + " but refused: " + answer.asString());
            String after = made.endsOn.isBefore(made.today) ? "EXPIRED" : target;
            assertEquals(after, answer.path("status"));
            ExtractableResponse<Response> reread = read(made.id).extract();
            assertEquals(answer.path("status"), (Object) reread.path("status"));
            assertEquals(answer.path("allowedTransitions"), (Object) reread.path("allowedTransitions"));
        } else {
            assertEquals(409, answer.statusCode(), "not offered " + allowed + " but answered: " + answer.asString());
            assertEquals(status, answer.path("currentStatus"));
            assertEquals(allowed, answer.path("allowedTransitions"));
        }
        assertTrue(REQUESTABLE.containsAll(allowed), "offers only what a request can ask for: " + allowed);
    }

    /** An agreement made for a case, and the date (Asia/Jakarta) the clock is pinned on when it is read and tried. */
    private record Made(String id, String number, String unit, LocalDate endsOn, LocalDate today) {
    }

    private enum State {
        DRAFT(test -> test.make(false, false, false, false, false)),
        DRAFT_PAST_ITS_PERIOD(test -> test.make(true, false, false, false, false)),
        SIGNED(test -> test.make(false, true, false, false, false)),
        ACTIVE(test -> test.make(false, true, true, false, false)),
        TERMINATED(test -> test.terminated()),
        SIGNED_ON_ITS_LAST_DAY(test -> test.lastDay(false, LocalTime.MAX, false)),
        ACTIVE_ON_ITS_LAST_DAY(test -> test.lastDay(true, LocalTime.MAX, false)),
        SIGNED_PAST_ITS_LAST_DAY(test -> test.lastDay(false, null, false)),
        ACTIVE_PAST_ITS_LAST_DAY(test -> test.lastDay(true, null, false)),
        EXPIRED_AND_RECORDED(test -> test.lastDay(true, null, true));

        final Function<AgreementStatusNowTest, Made> make;

        State(Function<AgreementStatusNowTest, Made> make) {
            this.make = make;
        }
    }

    private Made make(boolean pastPeriod, boolean signed, boolean activated, boolean onLastDay, boolean recorded) {
        LocalDate day = today();
        clock.pinAt(day, LocalTime.NOON);
        String unitId = registerUnit(unit(unique("Balai Kasus")));
        LocalDate startsOn = pastPeriod ? day.minusYears(1) : day.minusMonths(1);
        LocalDate endsOn = pastPeriod ? day.minusDays(1) : onLastDay ? day : day.plusYears(1);
        Map<String, Object> body = agreement(unitId, register(lks(unique("Yayasan Kasus"))), 1, startsOn, endsOn);
        String id = draft(body);
        if (signed) {
            sign(id, unitId, day).statusCode(200);
        }
        if (activated) {
            post(id, "ACTIVE").statusCode(200);
        }
        if (recorded) {
            job.run();
        }
        return new Made(id, (String) body.get("number"), unitId, endsOn, day);
    }

    private Made terminated() {
        Made made = make(false, true, true, false, false);
        post(made.id, "TERMINATED").statusCode(200);
        return made;
    }

    /** An agreement whose last day is today, read at {@code readAt} today, or at 00:00 tomorrow when null. */
    private Made lastDay(boolean activated, LocalTime readAt, boolean recorded) {
        Made made = make(false, true, activated, true, false);
        if (readAt != null) {
            clock.pinAt(made.today, readAt);
            return made;
        }
        LocalDate tomorrow = made.today.plusDays(1);
        clock.pinAt(tomorrow, LocalTime.MIDNIGHT);
        if (recorded) {
            job.run();
        }
        return new Made(made.id, made.number, made.unit, made.endsOn, tomorrow);
    }

    /**
     * The filter and the items of one list are judged on one date, so they agree even when midnight falls between
     * two reads of the clock within the request: here each read moves time on by a millisecond from half a
     * millisecond before midnight.
     */
    @Test
    void aListedItemAgreesWithTheFilterThatChoseItWhenMidnightFallsDuringTheRequest() {
        LocalDate day = today();
        clock.pinAt(day, LocalTime.NOON);
        String unitId = registerUnit(unit(unique("Balai Tengah Malam")));
        String name = unique("Yayasan Tengah Malam");
        Map<String, Object> lks = lks(name);
        lks.put("accreditationExpiresOn", day.toString());
        String partner = register(lks);
        String id = draft(agreement(unitId, partner, 1, day.minusMonths(1), day));
        sign(id, unitId, day).statusCode(200);

        for (boolean lapsed : List.of(true, false)) {
            justBeforeMidnight(day);
            given().auth().oauth2(TestTokens.admin()).queryParam("q", name).queryParam("accreditationLapsed", lapsed)
                    .when().get("/api/v1/partners")
                    .then().statusCode(200).body("items.accreditationLapsed", everyItem(equalTo(lapsed)));
        }
        for (String status : List.of("SIGNED", "EXPIRED")) {
            justBeforeMidnight(day);
            listed(partner, status).body("items.status", everyItem(equalTo(status)));
        }
    }

    private void justBeforeMidnight(LocalDate day) {
        clock.pinAt(day, LocalTime.MAX.minusNanos(499_999));
        clock.tickOnEachRead(Duration.ofMillis(1));
    }

    private static ValidatableResponse read(String id) {
        return given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/agreements/{id}", id).then().statusCode(200);
    }

    private static ValidatableResponse listed(String partyId, String status) {
        var request = given().auth().oauth2(TestTokens.admin()).queryParam("partyId", partyId);
        if (status != null) {
            request.queryParam("status", status);
        }
        return request.when().get("/api/v1/agreements").then().statusCode(200);
    }

    private static ValidatableResponse commitmentsReport() {
        return given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/agreements/reports/commitments-by-partner")
                .then().statusCode(200);
    }

    private static ValidatableResponse sign(String id, String partyId, LocalDate signedOn) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(json("signedOn", signedOn.toString(), "signatories", List.of(json("name", "Budi Santoso", "title", "Head", "partyId", partyId))))
                .when().post("/api/v1/agreements/{id}/signature", id).then();
    }

    private static ValidatableResponse post(String id, String target) {
        return post(id, target, null, null);
    }

    /** Asks for {@code target} through its endpoint. */
    private static ValidatableResponse post(String id, String target, String signingParty, LocalDate today) {
        return switch (target) {
            case "SIGNED" -> sign(id, signingParty, today);
            case "ACTIVE" -> given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/agreements/{id}/activation", id).then();
            case "TERMINATED" -> given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(json("reason", "Funding withdrawn"))
                    .when().post("/api/v1/agreements/{id}/termination", id).then();
            default -> throw new IllegalArgumentException("no request asks for " + target);
        };
    }
}
