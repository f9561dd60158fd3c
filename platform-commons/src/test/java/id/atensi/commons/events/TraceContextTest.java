package id.atensi.commons.events;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TraceContextTest {

    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aValidTraceParentIsKeptInLowerCase() {
        assertEquals(VALID, TraceContext.validOrNull(VALID));
        assertEquals(VALID, TraceContext.validOrNull(" " + VALID.toUpperCase() + " "));
        assertEquals(VALID, TraceContext.validOrNull("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-later\tfields"),
                "a later version goes on as its first four fields, in version 00");
    }

    @Test
    void anythingElseIsDropped() {
        for (String invalid : List.of("", "garbage", VALID + "-extra", "ff" + VALID.substring(2),
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\nX: y",
                "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-" + "x".repeat(600))) {
            assertNull(TraceContext.validOrNull(invalid), invalid);
        }
        assertNull(TraceContext.validOrNull(null));
    }
}
