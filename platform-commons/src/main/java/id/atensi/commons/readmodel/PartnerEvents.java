package id.atensi.commons.readmodel;

import java.util.UUID;

/**
 * The read models' reading of partner-service's events: only the fields every read model keeps, which v1 and v2
 * share (v2 changed the values of clusters, which no read model keeps). The platform's own copies, not the
 * producer's classes, so that no service depends on partner-service's code.
 */
public final class PartnerEvents {

    private PartnerEvents() {
    }

    /**
     * {@code atensi.partner.registered} and {@code .updated} (the partner's whole public state) and
     * {@code .deactivated.v1} (its name and status).
     */
    public record Partner(UUID partnerId, String legalName, String status) {
    }

    /** {@code status} is absent from events published before units could be closed, and those units were open. */
    public record ServiceUnit(UUID serviceUnitId, String name, String status) {
    }
}
