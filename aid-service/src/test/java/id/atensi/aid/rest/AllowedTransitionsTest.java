package id.atensi.aid.rest;

import id.atensi.aid.DistributionFixtures;
import id.atensi.testing.MovableClock;
import id.atensi.aid.ProgrammeFixtures;
import id.atensi.aid.ReadModelFixtures;
import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static id.atensi.aid.DistributionFixtures.act;
import static id.atensi.aid.ProgrammeFixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, item 4: what a read says is true at the moment it is read, and allowedTransitions always equals what the
 * service then accepts. For every status a distribution can be in, in every situation of its programme that matters
 * (open with room, the pool exhausted, one named share short, closed, past its period), each move a read offers is
 * accepted and each other one refused, and a list says what a read says.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "aid"))
class AllowedTransitionsTest {

    /** Each move the API offers, with the status it leads to. */
    private enum Move {
        APPROVE("APPROVED"), DISPATCH("DISPATCHED"), DELIVER("DELIVERED"), DELIVER_PART("PARTIALLY_DELIVERED"), RETURN("RETURNED"),
        CANCEL("CANCELLED");

        final String target;

        Move(String target) {
            this.target = target;
        }

        ExtractableResponse<Response> attempt(String id) {
            ValidatableResponse answer = switch (this) {
                case APPROVE -> act(DistributionFixtures.APPROVER, id, "approve");
                case DISPATCH -> act(TestTokens.officer(), id, "dispatch");
                case DELIVER -> act(TestTokens.officer(), id, "deliver", DistributionFixtures.delivery());
                case DELIVER_PART -> act(TestTokens.officer(), id, "deliver",
                        Map.of("proof", DistributionFixtures.proof(), "lines", List.of(Map.of("position", 1, "deliveredQuantity", 1))));
                case RETURN -> act(TestTokens.officer(), id, "return", Map.of("reason", "Alamat tidak ditemukan"));
                case CANCEL -> act(TestTokens.officer(), id, "cancel", Map.of("reason", "Data ganda"));
            };
            return answer.extract();
        }
    }

    private static final List<String> EVERY_STATUS = List.of("PROPOSED", "APPROVED", "DISPATCHED", "DELIVERED", "PARTIALLY_DELIVERED",
            "RETURNED", "CANCELLED");
    private static final List<String> UNDER_WAY = List.of("PROPOSED", "APPROVED", "DISPATCHED");
    /** One distribution for the refused moves and one for each offered move (at most three). */
    private static final int PER_STATUS = 4;

    @Inject
    MovableClock clock;

    @AfterEach
    void backToToday() {
        clock.reset();
    }

    @Test
    void inAnOpenProgrammeWithRoomEveryStatusOffersExactlyWhatIsAccepted() {
        String[] programme = ProgrammeFixtures.programme(100_000_000);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 500_000);
        Map<String, Deque<String>> prepared = prepare(EVERY_STATUS, () -> proposal(programme[0], item, null));
        check("open, pool", prepared, programme[0]);
        check("open, one named source", prepare(List.of("PROPOSED"), () -> proposal(programme[0], item, Map.of("fundingSourceId", programme[1]))),
                programme[0]);
    }

    @Test
    void aProposedDistributionThatTheBudgetCannotHoldOffersOnlyCancellation() {
        String[] exhausted = ProgrammeFixtures.programme(999_999);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 500_000);
        check("pool exhausted", prepare(List.of("PROPOSED"), () -> proposal(exhausted[0], item, null)), exhausted[0]);

        var opened = as(TestTokens.admin()).body(ProgrammeFixtures.programmeRequest("Short share " + UUID.randomUUID(), List.of(ProgrammeFixtures.share("STATE_BUDGET", 100_000_000),
                Map.of("kind", "OTHER", "funderName", "Baznas", "amountIdr", 500_000)))).post("/api/v1/aid/programmes").then().statusCode(201).extract();
        String programme = opened.path("id");
        String state = opened.path("fundingSources[0].id");
        String baznas = opened.path("fundingSources[1].id");
        Map<String, Object> shortShare = Map.of("fundingShares", List.of(Map.of("fundingSourceId", state, "amountIdr", 400_000),
                Map.of("fundingSourceId", baznas, "amountIdr", 600_000)));
        check("one named share short of its source", prepare(List.of("PROPOSED"), () -> proposal(programme, item, shortShare)), programme);
    }

    @Test
    void inAClosedProgrammeNothingNewIsApprovedAndWhatIsUnderWayGoesOn() {
        String[] programme = ProgrammeFixtures.programme(100_000_000);
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 500_000);
        Map<String, Deque<String>> prepared = prepare(UNDER_WAY, () -> proposal(programme[0], item, null));
        as(TestTokens.admin()).post("/api/v1/aid/programmes/{id}/close", programme[0]).then().statusCode(200);
        check("closed", prepared, programme[0]);
    }

    @Test
    void afterItsPeriodAProgrammeApprovesNothingNewAndWhatIsUnderWayGoesOn() {
        LocalDate end = ProgrammeFixtures.today().plusDays(3);
        String programme = as(TestTokens.admin()).body(Map.of("name", "Ends soon " + UUID.randomUUID(), "kind", "EMERGENCY",
                        "periodStart", ProgrammeFixtures.today().minusDays(30).toString(), "periodEnd", end.toString(),
                        "fundingSources", List.of(ProgrammeFixtures.share("STATE_BUDGET", 100_000_000))))
                .post("/api/v1/aid/programmes").then().statusCode(201).extract().path("id");
        String item = ProgrammeFixtures.item("STAPLE_FOOD_PACKAGE", 500_000);
        Map<String, Deque<String>> prepared = prepare(UNDER_WAY, () -> proposal(programme, item, null));
        clock.travelTo(end);
        check("on its last day", prepare(List.of("PROPOSED"), () -> proposal(programme, item, null)), programme);
        clock.travelTo(end.plusDays(1));
        check("past its period", prepared, programme);
    }

    /**
     * For each status: the first distribution is read, then refused every move its read did not offer (and is unchanged
     * after), then each offered move is made on a fresh one that a read shows offering the same.
     */
    private static void check(String situation, Map<String, Deque<String>> prepared, String programme) {
        Map<String, List<String>> listed = new HashMap<>();
        List<Map<String, Object>> items = as(TestTokens.auditor()).get("/api/v1/aid/distributions?programmeId={p}&size=100", programme)
                .then().statusCode(200).extract().path("items");
        items.forEach(item -> listed.put((String) item.get("id"), castList(item.get("allowedTransitions"))));
        for (Map.Entry<String, Deque<String>> entry : prepared.entrySet()) {
            String status = entry.getKey();
            Deque<String> ids = entry.getValue();
            String first = ids.pop();
            List<String> offered = read(first, status, situation);
            String where = situation + ", " + status + " offering " + offered;
            assertEquals(offered, listed.get(first), where + ": the list says otherwise");
            for (Move move : Move.values()) {
                if (!offered.contains(move.target)) {
                    ExtractableResponse<Response> answer = move.attempt(first);
                    assertTrue(answer.statusCode() == 409 || answer.statusCode() == 422, where + ": " + move + " answered "
                            + answer.statusCode() + " " + answer.asString());
                    if (answer.statusCode() == 409) {
                        assertEquals(status, answer.path("currentStatus"), where + ": the refusal of " + move);
                        // a delivery report asks for DELIVERED; its lines decide whether it ends partial
                        assertEquals(move == Move.DELIVER_PART ? "DELIVERED" : move.target, answer.path("requestedStatus"),
                                where + ": the refusal of " + move);
                        assertEquals(offered, answer.path("allowedTransitions"), where + ": the refusal of " + move + " lists another set");
                    }
                }
            }
            assertEquals(offered, read(first, status, situation), where + ": refused moves changed it");
            for (Move move : Move.values()) {
                if (offered.contains(move.target)) {
                    String fresh = ids.pop();
                    assertEquals(offered, read(fresh, status, situation), where + ": another distribution in the same situation");
                    ExtractableResponse<Response> answer = move.attempt(fresh);
                    assertEquals(200, answer.statusCode(), where + ": " + move + " was offered but answered " + answer.asString());
                    assertEquals(move.target, answer.path("status"), where + ": " + move);
                }
            }
        }
    }

    private static List<String> read(String id, String status, String situation) {
        ExtractableResponse<Response> read = as(TestTokens.officer()).get("/api/v1/aid/distributions/{id}", id).then().statusCode(200).extract();
        assertEquals(status, read.path("status"), situation);
        return read.path("allowedTransitions");
    }

    /** PER_STATUS distributions in each status, from a proposal each. */
    private static Map<String, Deque<String>> prepare(List<String> statuses, Supplier<String> proposal) {
        Map<String, Deque<String>> prepared = new LinkedHashMap<>();
        for (String status : statuses) {
            Deque<String> ids = new ArrayDeque<>();
            for (int i = 0; i < PER_STATUS; i++) {
                ids.add(into(proposal.get(), status));
            }
            prepared.put(status, ids);
        }
        return prepared;
    }

    private static String into(String id, String status) {
        if (status.equals("CANCELLED")) {
            assertEquals(200, Move.CANCEL.attempt(id).statusCode());
        }
        if (status.equals("PROPOSED") || status.equals("CANCELLED")) {
            return id;
        }
        assertEquals(200, Move.APPROVE.attempt(id).statusCode());
        if (!status.equals("APPROVED")) {
            assertEquals(200, Move.DISPATCH.attempt(id).statusCode());
        }
        Move last = switch (status) {
            case "DELIVERED" -> Move.DELIVER;
            case "PARTIALLY_DELIVERED" -> Move.DELIVER_PART;
            case "RETURNED" -> Move.RETURN;
            default -> null;
        };
        if (last != null) {
            assertEquals(200, last.attempt(id).statusCode());
        }
        return id;
    }

    /** Two packages to a new household of UNIT_A, funded as {@code funding} says (null: the pool). */
    private static String proposal(String programme, String item, Map<String, Object> funding) {
        Map<String, Object> request = new HashMap<>(Map.of("programmeId", programme, "recipientKind", "HOUSEHOLD", "recipientId", ReadModelFixtures.household(),
                "lines", List.of(Map.of("itemId", item, "quantity", 2))));
        if (funding != null) {
            request.putAll(funding);
        }
        return DistributionFixtures.propose(TestTokens.officer(), request).statusCode(201).extract().path("id");
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object value) {
        return (List<String>) value;
    }
}
