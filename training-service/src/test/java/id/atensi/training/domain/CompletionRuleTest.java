package id.atensi.training.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompletionRuleTest {

    private final CompletionRule seventyFivePercent = new CompletionRule(75);

    @Test
    void attendingExactlyTheThresholdCompletes() {
        assertTrue(seventyFivePercent.completed(3, 4));
        assertTrue(seventyFivePercent.completed(15, 20));
    }

    @Test
    void attendingJustBelowTheThresholdDoesNotComplete() {
        assertFalse(seventyFivePercent.completed(2, 3));
        assertFalse(seventyFivePercent.completed(14, 19));
    }

    @Test
    void aClassWithoutSessionsHasNoCompletion() {
        assertThrows(IllegalArgumentException.class, () -> seventyFivePercent.completed(0, 0));
    }

    @Test
    void thresholdOutsideOneToHundredPercentIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CompletionRule(0));
        assertThrows(IllegalArgumentException.class, () -> new CompletionRule(101));
    }
}
