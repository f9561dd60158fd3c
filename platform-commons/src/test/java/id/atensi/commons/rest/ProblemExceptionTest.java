package id.atensi.commons.rest;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProblemExceptionTest {

    @Test
    void aPropertyNamedLikeAStandardMemberIsRefusedSoThatTheHttpStatusCannotBeReplaced() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () ->
                new ProblemException(ProblemCode.CONFLICT, "not a draft", List.of(), Map.of("status", "SIGNED")));
        assertEquals("problem property 'status' would replace the problem's own member", refused.getMessage());
    }

    @Test
    void otherPropertiesAreKept() {
        ProblemException problem = new ProblemException(ProblemCode.CONFLICT, "not a draft", List.of(),
                Map.of("currentStatus", "SIGNED"));
        assertEquals(Map.of("currentStatus", "SIGNED"), problem.properties());
    }

    enum Stage { DRAFT, SIGNED, ACTIVE, EXPIRED }

    @Test
    void anIllegalTransitionIsAConflictNamingTheCurrentStateTheRequestedOneAndWhatIsAllowed() {
        ProblemException problem = ProblemException.illegalTransition("agreement", Stage.SIGNED, Stage.DRAFT, List.of(Stage.ACTIVE, Stage.EXPIRED));
        assertEquals(ProblemCode.CONFLICT, problem.code());
        assertEquals("agreement is SIGNED: it cannot become DRAFT (it can become ACTIVE, EXPIRED)", problem.getMessage());
        assertEquals(Map.of("currentStatus", "SIGNED", "requestedStatus", "DRAFT", "allowedTransitions", List.of("ACTIVE", "EXPIRED")),
                problem.properties());
    }

    @Test
    void aFinalStateSaysItCanNoLongerChange() {
        ProblemException problem = ProblemException.illegalTransition("agreement", Stage.EXPIRED, Stage.ACTIVE, List.of());
        assertEquals("agreement is EXPIRED and can no longer change", problem.getMessage());
        assertEquals(List.of(), problem.properties().get("allowedTransitions"));
    }

    @Test
    void aStaleVersionIsAFailedPrecondition() {
        ProblemException stale = assertThrows(ProblemException.class, () -> Versions.require("agreement", 4, 3L));
        assertEquals(ProblemCode.PRECONDITION_FAILED, stale.code());
        Versions.require("agreement", 4, 4L);
        Versions.require("agreement", 4, null);
    }
}
