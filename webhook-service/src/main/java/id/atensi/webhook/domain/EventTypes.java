package id.atensi.webhook.domain;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The event types a partner can subscribe to, and the families ({@code atensi.aid.*}) that stand for all types of
 * one service, present and future. Only types the partner scope rules know how to route are offered: service
 * units, API clients and aid programmes concern no single partner and are not delivered.
 */
public final class EventTypes {

    public static final List<String> FAMILIES = List.of("atensi.beneficiary.*", "atensi.partner.*", "atensi.training.*", "atensi.aid.*");

    public static final Set<String> DELIVERED = new TreeSet<>(List.of(
            "atensi.beneficiary.registered.v1",
            "atensi.beneficiary.updated.v1",
            "atensi.beneficiary.status-changed.v1",
            "atensi.beneficiary.merged.v1",
            "atensi.beneficiary.consent-changed.v1",
            "atensi.beneficiary.erased.v1",
            "atensi.beneficiary.household.registered.v1",
            "atensi.beneficiary.household.updated.v1",
            "atensi.beneficiary.group.registered.v1",
            "atensi.beneficiary.group.updated.v1",
            "atensi.partner.registered.v2",
            "atensi.partner.updated.v2",
            "atensi.partner.deactivated.v1",
            "atensi.partner.agreement.signed.v1",
            "atensi.partner.agreement.activated.v1",
            "atensi.partner.agreement.amended.v2",
            "atensi.partner.agreement.expired.v1",
            "atensi.partner.agreement.terminated.v1",
            "atensi.training.class.scheduled.v1",
            "atensi.training.class.opened.v1",
            "atensi.training.class.cancelled.v1",
            "atensi.training.class.completed.v1",
            "atensi.training.participant.enrolled.v1",
            "atensi.training.participant.withdrawn.v1",
            "atensi.training.participant.completed.v1",
            "atensi.training.outcome.recorded.v1",
            "atensi.aid.distribution.approved.v1",
            "atensi.aid.distribution.approved.v2",
            "atensi.aid.distribution.dispatched.v1",
            "atensi.aid.distribution.delivered.v1",
            "atensi.aid.distribution.cancelled.v1"));

    /** Sent by the test ping only; needs no subscription. */
    public static final String PING = "atensi.webhook.ping.v1";

    private EventTypes() {
    }

    /** Whether a subscription entry is a family or a delivered type. */
    public static boolean isValidSubscription(String entry) {
        return FAMILIES.contains(entry) || DELIVERED.contains(entry);
    }

    public static boolean matches(Collection<String> subscription, String type) {
        for (String entry : subscription) {
            if (entry.equals(type) || entry.endsWith(".*") && type.startsWith(entry.substring(0, entry.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
