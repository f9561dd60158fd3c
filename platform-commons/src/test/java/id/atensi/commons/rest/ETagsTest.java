package id.atensi.commons.rest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void aTagThisServiceNeverIssuedReadsAsNoVersionSoThatTheRecordIsLookedUpBeforeThePreconditionFails() {
        for (String foreign : List.of("\"abc\"", "\"-3\"", "\"+3\"", "\"03\"", "\"1\", \"2\"", "\"99999999999999999999\"")) {
            assertEquals(ETags.NO_VERSION_OF_OURS, ETags.required(foreign), foreign);
            assertEquals(ETags.NO_VERSION_OF_OURS, ETags.optional(foreign), foreign);
        }
        ProblemException failed = assertThrows(ProblemException.class,
                () -> Versions.require("partner", 0, ETags.required("\"abc\"")));
        assertEquals(ProblemCode.PRECONDITION_FAILED, failed.code());
        assertTrue(failed.getMessage().contains("not an ETag this service issued"), failed.getMessage());
    }

    @Test
    void anyVersionDoesNotSatisfyARequiredIfMatchButIsAnyVersionWhereItIsOptional() {
        assertEquals(ETags.ANY_VERSION, ETags.required(" * "));
        ProblemException required = assertThrows(ProblemException.class, () -> Versions.require("partner", 0, ETags.required("*")));
        assertEquals(ProblemCode.PRECONDITION_REQUIRED, required.code());
        assertTrue(required.getMessage().contains("names no version"), required.getMessage());
        assertNull(ETags.optional("*"));
    }

    @Test
    void anOptionalIfMatchMayBeAbsent() {
        assertNull(ETags.optional(null));
        assertEquals(7L, ETags.optional("\"7\""));
    }

    @Test
    void theCurrentVersionPassesAndAnotherFails() {
        Versions.require("item", 4, 4L);
        Versions.require("item", 4, null);
        assertEquals(ProblemCode.PRECONDITION_FAILED,
                assertThrows(ProblemException.class, () -> Versions.require("item", 4, 3L)).code());
    }
}
