package id.atensi.webhook.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventTypesTest {

    @Test
    void aFamilyCoversEveryTypeOfItsServiceAndNoOther() {
        assertTrue(EventTypes.matches(List.of("atensi.aid.*"), "atensi.aid.distribution.approved.v2"));
        assertFalse(EventTypes.matches(List.of("atensi.aid.*"), "atensi.beneficiary.registered.v1"));
        assertTrue(EventTypes.matches(List.of("atensi.beneficiary.status-changed.v1"), "atensi.beneficiary.status-changed.v1"));
        assertFalse(EventTypes.matches(List.of("atensi.beneficiary.status-changed.v1"), "atensi.beneficiary.registered.v1"));
    }

    @Test
    void onlyFamiliesAndDeliveredTypesAreSubscriptions() {
        assertTrue(EventTypes.isValidSubscription("atensi.training.*"));
        assertTrue(EventTypes.isValidSubscription("atensi.partner.agreement.signed.v1"));
        assertFalse(EventTypes.isValidSubscription("atensi.aid.programme.opened.v1"), "programmes concern no single partner");
        assertFalse(EventTypes.isValidSubscription("atensi.*"));
        assertFalse(EventTypes.isValidSubscription("atensi.webhook.*"));
    }
}
