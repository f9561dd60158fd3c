package id.atensi.partner.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommitmentTest {

    private static Commitment money(long amountIdr) {
        return new Commitment(UUID.randomUUID(), CommitmentKind.MONEY, amountIdr, "budget", null);
    }

    private static Commitment inKind() {
        return new Commitment(UUID.randomUUID(), CommitmentKind.IN_KIND, null, "trainers", null);
    }

    @Test
    void moneyCommitmentsAddUpExactlyAndInKindOnesCountNothing() {
        assertEquals(325_000_001L, Commitment.totalIdr(List.of(money(325_000_000L), inKind(), money(1))));
    }

    @Test
    void aSumPastWhatALongHoldsIsRefusedNotWrappedRound() {
        List<Commitment> huge = List.of(money(Long.MAX_VALUE / 2 + 1), money(Long.MAX_VALUE / 2 + 1));
        assertThrows(ArithmeticException.class, () -> Commitment.totalIdr(huge));
        assertFalse(Commitment.totalFits(huge));
        assertTrue(Commitment.totalFits(List.of(money(Long.MAX_VALUE), inKind())));
    }

    @Test
    void anAgreementsCommittedRupiahNeverWrapsRound() {
        Agreement agreement = new Agreement();
        agreement.commitments.addAll(List.of(money(Long.MAX_VALUE), money(1)));
        assertThrows(ArithmeticException.class, agreement::committedIdr);
    }
}
