package id.atensi.webhook.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointTest {

    private final OffsetDateTime now = OffsetDateTime.parse("2026-03-01T10:00:00+07:00");

    @Test
    void aRotatedOutSecretSignsUntilTheOverlapEnds() {
        Endpoint endpoint = Endpoint.register(UUID.randomUUID(), "https://example.org/hook", null, List.of("atensi.aid.*"), now, "first");
        String old = endpoint.secret;
        String rotated = "second";
        endpoint.rotateSecret(now, Duration.ofHours(24), rotated);
        assertEquals(List.of(rotated, old), endpoint.signingSecrets(now.plusHours(23)));
        assertEquals(List.of(rotated), endpoint.signingSecrets(now.plusHours(24)));
    }

    @Test
    void failingForFiveDaysIsTooLongAndEnablingStartsAFreshCount() {
        Endpoint endpoint = Endpoint.register(UUID.randomUUID(), "https://example.org/hook", null, List.of("atensi.aid.*"), now, "first");
        endpoint.failingSince = now;
        assertFalse(endpoint.failingTooLong(now.plusDays(5).minusSeconds(1), Duration.ofDays(5)));
        assertTrue(endpoint.failingTooLong(now.plusDays(5), Duration.ofDays(5)));
        endpoint.disable(DisabledReason.FAILING, now.plusDays(5));
        assertEquals(List.of(EndpointStatus.ENABLED), endpoint.allowedTransitions());
        endpoint.enable(now.plusDays(6));
        assertFalse(endpoint.failingTooLong(now.plusDays(30), Duration.ofDays(5)));
        assertEquals(List.of(EndpointStatus.DISABLED), endpoint.allowedTransitions());
    }
}
