package id.atensi.aid.events;

import java.util.UUID;

/**
 * The aid service's reading of {@code atensi.partner.registered.v1} (and {@code updated.v1}, the same fields),
 * {@code atensi.partner.deactivated.v1} and {@code atensi.partner.service-unit.registered.v1} (and {@code .updated.v1}):
 * only the fields it uses. Its own copies, not the producer's classes.
 */
public final class PartnerEventsV1 {

    private PartnerEventsV1() {
    }

    public record Registered(UUID partnerId, String type, String legalName, String status, String provinceCode, String regencyCode) {
    }

    public record Deactivated(UUID partnerId, String status) {
    }

    /** {@code status} is absent from events published before units could be closed, and those units were open. */
    public record ServiceUnit(UUID serviceUnitId, String name, String status) {
    }
}
