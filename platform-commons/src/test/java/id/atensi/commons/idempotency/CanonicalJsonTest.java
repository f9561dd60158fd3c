package id.atensi.commons.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class CanonicalJsonTest {

    enum Cluster { ELDERLY, CHILDREN, PERSONS_WITH_DISABILITIES }

    record Scope(Set<UUID> partnerIds) {
    }

    record Request(String name, Set<Cluster> clusters, List<String> lines, Scope scope) {
    }

    private final CanonicalJson canonical = new CanonicalJson(new ObjectMapper());

    /** A set in the given iteration order, as a HashSet of enum values has in one JVM and not in the next. */
    @SafeVarargs
    private static <T> Set<T> inOrder(T... members) {
        return new LinkedHashSet<>(List.of(members));
    }

    @Test
    void aSetIsWrittenTheSameWhateverOrderItIterates() {
        UUID first = UUID.fromString("00000000-0000-4000-8000-000000000001");
        UUID second = UUID.fromString("00000000-0000-4000-8000-000000000002");
        Request one = new Request("Siti", inOrder(Cluster.PERSONS_WITH_DISABILITIES, Cluster.ELDERLY), List.of("a"), new Scope(inOrder(second, first)));
        Request other = new Request("Siti", inOrder(Cluster.ELDERLY, Cluster.PERSONS_WITH_DISABILITIES), List.of("a"), new Scope(inOrder(first, second)));
        assertEquals(canonical.write(one), canonical.write(other));
        assertEquals("{\"name\":\"Siti\",\"clusters\":[\"ELDERLY\",\"PERSONS_WITH_DISABILITIES\"],\"lines\":[\"a\"],"
                + "\"scope\":{\"partnerIds\":[\"" + first + "\",\"" + second + "\"]}}", canonical.write(one));
    }

    @Test
    void aListKeepsItsOrderAndOtherValuesStillTellRequestsApart() {
        Request ab = new Request("Siti", Set.of(), List.of("a", "b"), null);
        assertNotEquals(canonical.write(ab), canonical.write(new Request("Siti", Set.of(), List.of("b", "a"), null)), "a list's order is part of the request");
        assertNotEquals(canonical.write(ab), canonical.write(new Request("Sita", Set.of(), List.of("a", "b"), null)));
        assertNotEquals(canonical.write(new Request("Siti", inOrder(Cluster.ELDERLY), List.of(), null)),
                canonical.write(new Request("Siti", inOrder(Cluster.ELDERLY, Cluster.CHILDREN), List.of(), null)));
    }
}
