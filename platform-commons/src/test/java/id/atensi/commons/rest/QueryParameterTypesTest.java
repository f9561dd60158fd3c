package id.atensi.commons.rest;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class QueryParameterTypesTest {

    enum Colour { RED, GREEN }

    static class Paging {
        @QueryParam("page")
        public int page;
        @QueryParam("since")
        protected LocalDate since;
    }

    static final class ColouredPaging extends Paging {
        @QueryParam("colour")
        private Colour colour;
    }

    @SuppressWarnings("unused")
    static final class Resource {
        public void list(@BeanParam ColouredPaging paging, @QueryParam("owner") UUID owner) {
        }
    }

    @Test
    void aBeanParametersFieldsAreCheckedWhateverTheirVisibilityAndWhereverDeclared() throws Exception {
        Method list = Resource.class.getMethod("list", ColouredPaging.class, UUID.class);
        assertEquals(Map.of("page", int.class, "since", LocalDate.class, "colour", Colour.class, "owner", UUID.class),
                QueryParameterTypes.declaredTypes(list));
    }

    @Test
    void valuesTheirTypeTakesAreLetThrough() {
        assertNull(QueryParameterTypes.refusal(int.class, "+12"));
        assertNull(QueryParameterTypes.refusal(Long.class, "-9000000000"));
        assertNull(QueryParameterTypes.refusal(UUID.class, "0a000000-0000-4000-8000-00000000000a"));
        assertNull(QueryParameterTypes.refusal(OffsetDateTime.class, "2026-03-31T08:00:00+07:00"));
        assertNull(QueryParameterTypes.refusal(LocalDate.class, "2024-02-29"));
        assertNull(QueryParameterTypes.refusal(Colour.class, "GREEN"));
        assertNull(QueryParameterTypes.refusal(String.class, "anything at all"), "a type not checked here is left to its converter");
    }

    @Test
    void eachRefusalSaysWhatTheParameterTakes() {
        assertEquals("must be a whole number between -2147483648 and 2147483647", QueryParameterTypes.refusal(int.class, "2147483648"));
        assertEquals("must be a whole number between -2147483648 and 2147483647", QueryParameterTypes.refusal(Integer.class, "twelve"));
        assertEquals("must be a whole number between -9223372036854775808 and 9223372036854775807", QueryParameterTypes.refusal(long.class, "1.5"));
        assertEquals("must be one of RED, GREEN", QueryParameterTypes.refusal(Colour.class, "red"), "names are exact, as JAX-RS' valueOf reads them");
        assertEquals("must be a date, YYYY-MM-DD", QueryParameterTypes.refusal(LocalDate.class, "2024-02-30"));
        assertEquals("must be a date-time with its offset, e.g. 2026-03-31T01:00:00Z (a + in the offset written %2B)",
                QueryParameterTypes.refusal(OffsetDateTime.class, "2026-03-31T08:00:00 07:00"));
    }

    @Test
    void aMalformedUuidIsCalledOneWhicheverExceptionTheJdkThrows() {
        // Four dashes and a non-hex digit: UUID.fromString fails in Long.parseLong, with a NumberFormatException.
        assertEquals("must be a UUID", QueryParameterTypes.refusal(UUID.class, "g0000000-0000-0000-0000-000000000000"));
        assertEquals("must be a UUID", QueryParameterTypes.refusal(UUID.class, "not-a-uuid"));
    }
}
