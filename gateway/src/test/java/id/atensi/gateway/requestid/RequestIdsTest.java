package id.atensi.gateway.requestid;

import id.atensi.gateway.trace.TraceContext;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ids the gateway makes itself: random (version 4) UUIDs and traceparents, none repeated. */
class RequestIdsTest {

    private static final int IDS = 10_000;

    @Test
    void madeRequestIdsAreDistinctVersion4Uuids() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < IDS; i++) {
            String id = RequestIds.randomUuid();
            UUID uuid = UUID.fromString(id);
            assertEquals(4, uuid.version(), id);
            assertEquals(2, uuid.variant(), id);
            assertEquals(uuid.toString(), id);
            assertTrue(seen.add(id), "repeated: " + id);
        }
    }

    @Test
    void madeTraceparentsAreValidAndDistinct() {
        Set<String> traceIds = new HashSet<>();
        Set<String> parentIds = new HashSet<>();
        for (int i = 0; i < IDS; i++) {
            String traceparent = TraceContext.generate();
            assertTrue(TraceContext.isValid(traceparent), traceparent);
            assertTrue(traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"), traceparent);
            assertTrue(traceIds.add(traceparent.substring(3, 35)), "repeated trace id: " + traceparent);
            assertTrue(parentIds.add(traceparent.substring(36, 52)), "repeated parent id: " + traceparent);
        }
    }
}
