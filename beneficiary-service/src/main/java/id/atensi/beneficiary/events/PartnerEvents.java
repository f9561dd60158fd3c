package id.atensi.beneficiary.events;

import java.util.UUID;

/**
 * The beneficiary service's reading of the partner service's events: only the fields it uses, which v1 and v2 share
 * (v2 changed the values of clusters, which this service does not keep). Its own copies, not the producer's classes.
 */
public final class PartnerEvents {

    private PartnerEvents() {
    }

    /** {@code atensi.partner.registered}, {@code .updated} (the partner's whole public state) and {@code .deactivated.v1}. */
    public record Partner(UUID partnerId, String legalName, String status) {
    }

    /** {@code status} is absent from events published before units could be closed, and those units were open. */
    public record ServiceUnit(UUID serviceUnitId, String name, String status) {
    }
}
