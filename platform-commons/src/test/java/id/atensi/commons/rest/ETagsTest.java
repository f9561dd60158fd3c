package id.atensi.commons.rest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ETagsTest {

    @Test
    void theIssuedTagIsReadBackQuotedWeakOrBare() {
        assertEquals("\"3\"", ETags.of(3).toString());
        assertEquals(3, ETags.required("\"3\""));
        assertEquals(3, ETags.required("W/\"3\""));
        assertEquals(3, ETags.required(" 3 "));
    }

    @Test
    void aMissingIfMatchIsPreconditionRequired() {
        assertEquals(ProblemCode.PRECONDITION_REQUIRED, assertThrows(ProblemException.class, () -> ETags.required(null)).code());
        assertEquals(ProblemCode.PRECONDITION_REQUIRED, assertThrows(ProblemException.class, () -> ETags.required("  ")).code());
    }

    @Test
    void aTagThisServiceNeverIssuedFailsThePrecondition() {
        assertEquals(ProblemCode.PRECONDITION_FAILED, assertThrows(ProblemException.class, () -> ETags.required("\"abc\"")).code());
        assertEquals(ProblemCode.PRECONDITION_FAILED, assertThrows(ProblemException.class, () -> ETags.optional("*")).code());
    }

    @Test
    void anOptionalIfMatchMayBeAbsent() {
        assertNull(ETags.optional(null));
        assertEquals(7L, ETags.optional("\"7\""));
    }
}
