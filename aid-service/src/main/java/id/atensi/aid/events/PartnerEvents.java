package id.atensi.aid.events;

import java.util.UUID;

/**
 * The aid service's reading of {@code atensi.partner.registered} and {@code updated} (the same fields),
 * {@code atensi.partner.deactivated.v1} and {@code atensi.partner.service-unit.registered} and {@code .updated}: only
 * the fields it uses, which v1 and v2 share (v2 changed the values of clusters, which this service does not keep). Its
 * own copies, not the producer's classes.
 */
public final class PartnerEvents {

    private PartnerEvents() {
    }

    public record Registered(UUID partnerId, String type, String legalName, String status, String provinceCode, String regencyCode) {
    }

    public record Deactivated(UUID partnerId, String status) {
    }

    /** {@code status} is absent from events published before units could be closed, and those units were open. */
    public record ServiceUnit(UUID serviceUnitId, String name, String status) {
    }
}
