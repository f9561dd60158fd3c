package id.atensi.beneficiary.registry.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistryTransactionTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 3, 12, 0, 0, 0, ZoneOffset.UTC);

    private static RegistryTransaction pending() {
        RegistryTransaction transaction = new RegistryTransaction();
        transaction.status = "pdng";
        transaction.requestCipher = "sealed";
        transaction.requestKeyId = "k";
        return transaction;
    }

    @Test
    void failedAttemptsAreRetriedAfterADoublingDelay() {
        RegistryTransaction transaction = pending();
        transaction.attempts = 1;
        transaction.failed("answered 503", Duration.ofSeconds(1), 12, NOW);
        assertEquals(NOW.plusSeconds(1), transaction.nextAttemptAt);
        transaction.attempts = 4;
        transaction.failed("answered 503", Duration.ofSeconds(1), 12, NOW);
        assertEquals(NOW.plusSeconds(8), transaction.nextAttemptAt);
        assertTrue(transaction.open());
    }

    @Test
    void theLastAttemptGivesUpAndForgetsTheRequest() {
        RegistryTransaction transaction = pending();
        transaction.attempts = 12;
        transaction.failed("TIMED_OUT: no complete answer", Duration.ofSeconds(1), 12, NOW);
        assertEquals("rjct", transaction.status);
        assertNull(transaction.nextAttemptAt);
        assertNull(transaction.requestCipher);
        assertEquals(NOW, transaction.completedAt);
        assertEquals("TIMED_OUT: no complete answer", transaction.lastError);
    }

    @Test
    void aDeliveredAnswerForgetsTheRequestAndKeepsTheOutcome() {
        RegistryTransaction transaction = pending();
        transaction.delivered("succ", "[{\"reference_id\":\"a\",\"status\":\"succ\"}]", NOW);
        assertEquals("succ", transaction.status);
        assertNull(transaction.requestCipher);
        assertNull(transaction.requestKeyId);
        assertNull(transaction.nextAttemptAt);
    }
}
