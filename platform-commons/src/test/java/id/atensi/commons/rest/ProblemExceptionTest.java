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
}
