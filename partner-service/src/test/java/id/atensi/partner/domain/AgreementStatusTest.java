package id.atensi.partner.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgreementStatusTest {

    @Test
    void aDraftCanOnlyBeSigned() {
        assertEquals(List.of(AgreementStatus.SIGNED), AgreementStatus.DRAFT.next());
        assertFalse(AgreementStatus.DRAFT.canMoveTo(AgreementStatus.ACTIVE));
    }

    @Test
    void expiredAndTerminatedAreFinal() {
        for (AgreementStatus target : AgreementStatus.values()) {
            assertFalse(AgreementStatus.EXPIRED.canMoveTo(target));
            assertFalse(AgreementStatus.TERMINATED.canMoveTo(target));
        }
    }

    @Test
    void expiryIsNeverRequestedSoItIsNeverOffered() {
        assertEquals(List.of(AgreementStatus.SIGNED), AgreementStatus.DRAFT.requestable());
        assertEquals(List.of(AgreementStatus.ACTIVE, AgreementStatus.TERMINATED), AgreementStatus.SIGNED.requestable());
        assertEquals(List.of(AgreementStatus.TERMINATED), AgreementStatus.ACTIVE.requestable());
        assertEquals(List.of(), AgreementStatus.EXPIRED.requestable());
    }

    @Test
    void signedAndActiveAgreementsAreInForceAndCanEnd() {
        assertTrue(AgreementStatus.SIGNED.inForce() && AgreementStatus.ACTIVE.inForce());
        assertTrue(AgreementStatus.ACTIVE.canMoveTo(AgreementStatus.EXPIRED) && AgreementStatus.ACTIVE.canMoveTo(AgreementStatus.TERMINATED));
        assertFalse(AgreementStatus.DRAFT.inForce());
    }
}
