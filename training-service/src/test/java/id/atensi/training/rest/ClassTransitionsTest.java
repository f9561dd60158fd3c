package id.atensi.training.rest;

import id.atensi.testing.AtensiTestResource;
import id.atensi.testing.TestTokens;
import id.atensi.training.ReadModelFixtures;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.atensi.training.ClassFixtures.PROVIDER;
import static id.atensi.training.ClassFixtures.as;
import static id.atensi.training.ClassFixtures.classBody;
import static id.atensi.training.ClassFixtures.programme;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A class's allowedTransitions is exactly what its transitions accept at the moment of the read, in a single read and in a
 * list: opening is offered only while the host unit is open, completion only once the class has a session, and a
 * refusal names the same offer as the read.
 */
@QuarkusTest
@WithTestResource(value = AtensiTestResource.class, initArgs = @ResourceArg(name = "database", value = "training"))
class ClassTransitionsTest {

    /** The statuses a request can ask for, in lifecycle order; PLANNED is only ever the first status. */
    private static final List<String> TARGETS = List.of("OPEN", "RUNNING", "COMPLETED", "CANCELLED");
    private static final Map<String, String> ACTIONS = Map.of("OPEN", "open", "RUNNING", "start", "COMPLETED", "complete", "CANCELLED", "cancel");

    @Test
    void aClassOfAClosedUnitIsNotOfferedOpeningUntilTheUnitReopens() {
        UUID unit = UUID.randomUUID();
        ReadModelFixtures.knownUnits(unit);
        String programme = programme("Programme " + UUID.randomUUID(), "SEWING");
        String classId = schedule(programme, unit, 1);
        read(classId).body("allowedTransitions", equalTo(List.of("OPEN", "CANCELLED")));

        ReadModelFixtures.unitStatus(unit, "INACTIVE");

        read(classId).body("allowedTransitions", equalTo(List.of("CANCELLED")));
        admin().queryParam("hostUnitId", unit).when().get("/api/v1/training/classes")
                .then().statusCode(200).body("items.allowedTransitions", equalTo(List.of(List.of("CANCELLED"))));
        act(classId, "OPEN").statusCode(422)
                .body("errors.field", hasItem("hostUnitId"))
                .body("currentStatus", equalTo("PLANNED"))
                .body("allowedTransitions", equalTo(List.of("CANCELLED")));

        ReadModelFixtures.unitStatus(unit, "ACTIVE");

        read(classId).body("allowedTransitions", equalTo(List.of("OPEN", "CANCELLED")));
        act(classId, "OPEN").statusCode(200).body("status", equalTo("OPEN"));
    }

    @Test
    void aRunningClassWithoutSessionsIsNotOfferedCompletionUntilItHasOne() {
        UUID unit = UUID.randomUUID();
        ReadModelFixtures.knownUnits(unit);
        String classId = schedule(programme("Programme " + UUID.randomUUID(), "SEWING"), unit, 0);
        act(classId, "OPEN").statusCode(200);
        act(classId, "RUNNING").statusCode(200).body("allowedTransitions", equalTo(List.of("CANCELLED")));

        admin().queryParam("hostUnitId", unit).when().get("/api/v1/training/classes")
                .then().statusCode(200).body("items.allowedTransitions", equalTo(List.of(List.of("CANCELLED"))));
        act(classId, "COMPLETED").statusCode(409)
                .body("currentStatus", equalTo("RUNNING"))
                .body("allowedTransitions", equalTo(List.of("CANCELLED")));

        admin().body("{\"date\":\"2024-01-12\",\"startTime\":\"09:00\",\"endTime\":\"12:00\",\"topic\":\"The only day\"}")
                .when().post("/api/v1/training/classes/{id}/sessions", classId).then().statusCode(201);

        read(classId).body("allowedTransitions", equalTo(List.of("COMPLETED", "CANCELLED")));
        act(classId, "COMPLETED").statusCode(200).body("status", equalTo("COMPLETED"));
    }

    /** The situations a class can be in that decide what it accepts. */
    private enum State {
        PLANNED(false, 1), PLANNED_WITHOUT_SESSIONS(false, 0), PLANNED_AT_A_CLOSED_UNIT(true, 1),
        OPEN(false, 1), OPEN_AT_A_CLOSED_UNIT(true, 1),
        RUNNING(false, 1), RUNNING_WITHOUT_SESSIONS(false, 0), RUNNING_AT_A_CLOSED_UNIT(true, 1),
        COMPLETED(false, 1), CANCELLED(false, 1);

        final boolean closedUnit;
        final int sessions;

        State(boolean closedUnit, int sessions) {
            this.closedUnit = closedUnit;
            this.sessions = sessions;
        }

        /** The actions that bring a PLANNED class into this state. */
        List<String> path() {
            return switch (this) {
                case PLANNED, PLANNED_WITHOUT_SESSIONS, PLANNED_AT_A_CLOSED_UNIT -> List.of();
                case OPEN, OPEN_AT_A_CLOSED_UNIT -> List.of("OPEN");
                case RUNNING, RUNNING_WITHOUT_SESSIONS, RUNNING_AT_A_CLOSED_UNIT -> List.of("OPEN", "RUNNING");
                case COMPLETED -> List.of("OPEN", "RUNNING", "COMPLETED");
                case CANCELLED -> List.of("CANCELLED");
            };
        }
    }

    /**
     * Exhaustive over the states and the transitions a request can ask for, a fresh class for each pair: a transition is
     * accepted exactly when the read just before offered it, the list offers what the read offers, and a refusal names
     * the read's status and offer.
     */
    @Test
    void everyOfferedTransitionIsAcceptedAndEveryOtherRefusedWithTheReadsOwnOffer() {
        UUID openUnit = UUID.randomUUID();
        UUID closingUnit = UUID.randomUUID();
        ReadModelFixtures.knownUnits(openUnit, closingUnit);
        String programme = programme("Programme " + UUID.randomUUID(), "SEWING");
        Map<State, Map<String, String>> classes = new EnumMap<>(State.class);
        for (State state : State.values()) {
            Map<String, String> byTarget = new LinkedHashMap<>();
            for (String target : TARGETS) {
                String classId = schedule(programme, state.closedUnit ? closingUnit : openUnit, state.sessions);
                state.path().forEach(step -> act(classId, step).statusCode(200));
                byTarget.put(target, classId);
            }
            classes.put(state, byTarget);
        }
        ReadModelFixtures.unitStatus(closingUnit, "INACTIVE");

        List<String> failures = new ArrayList<>();
        classes.forEach((state, byTarget) -> byTarget.forEach((target, classId) -> {
            try {
                check(classId, state.closedUnit ? closingUnit : openUnit, target);
            } catch (AssertionError e) {
                failures.add(state + " → " + target + " (class " + classId + "): " + e.getMessage());
            }
        }));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static void check(String classId, UUID unit, String target) {
        ExtractableResponse<Response> before = read(classId).extract();
        String status = before.path("status");
        List<String> offered = before.path("allowedTransitions");
        assertTrue(TARGETS.containsAll(offered), "offers only what a request can ask for: " + offered);
        List<String> listed = admin().queryParam("hostUnitId", unit).queryParam("status", status).queryParam("size", 200)
                .when().get("/api/v1/training/classes").then().statusCode(200)
                .extract().path("items.find { it.id == '" + classId + "' }.allowedTransitions");
        assertEquals(offered, listed, "the list offers what the read offers");

        ExtractableResponse<Response> answer = act(classId, target).extract();
        if (offered.contains(target)) {
            assertEquals(200, answer.statusCode(), "offered " + offered + " but refused: " + answer.asString());
            assertEquals(target, answer.path("status"));
            assertEquals(answer.path("allowedTransitions"), (Object) read(classId).extract().path("allowedTransitions"));
        } else {
            assertTrue(answer.statusCode() == 409 || answer.statusCode() == 422, "not offered " + offered + " but answered: " + answer.asString());
            assertEquals(status, answer.path("currentStatus"));
            assertEquals(target, answer.path("requestedStatus"));
            assertEquals(offered, answer.path("allowedTransitions"));
        }
    }

    private static RequestSpecification admin() {
        return as(TestTokens.admin());
    }

    private static String schedule(String programme, UUID unit, int sessions) {
        return admin().body(classBody(programme, "Class " + UUID.randomUUID(), 10, sessions, unit, PROVIDER, "PARTNER_STAFF"))
                .when().post("/api/v1/training/classes").then().statusCode(201).extract().path("id");
    }

    private static ValidatableResponse read(String classId) {
        return admin().when().get("/api/v1/training/classes/{id}", classId).then().statusCode(200);
    }

    private static ValidatableResponse act(String classId, String target) {
        RequestSpecification request = admin();
        if ("CANCELLED".equals(target)) {
            request.body("{\"reason\":\"The trainer fell ill\"}");
        }
        return request.when().post("/api/v1/training/classes/{id}/" + ACTIONS.get(target), classId).then();
    }
}
