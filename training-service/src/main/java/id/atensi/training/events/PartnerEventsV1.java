package id.atensi.training.events;

import java.util.UUID;

/**
 * The training service's reading of the partner service's events: only the fields it uses. Its own copies, not
 * the producer's classes, so that the services stay deployable on their own.
 */
public final class PartnerEventsV1 {

    private PartnerEventsV1() {
    }

    /**
     * {@code atensi.partner.registered} and {@code .updated}, v1 and v2: all carry the whole public state, and v2
     * differs only in cluster values, which are not read here.
     */
    public record Partner(UUID partnerId, String legalName, String status) {
    }

    public record Deactivated(UUID partnerId, String legalName, String status) {
    }

    /**
     * {@code atensi.partner.service-unit.registered} and {@code .updated}, v1 and v2 (v2 differs only in cluster
     * values, not read here); {@code status} is absent from events
     * published before units could be closed, and those units were open.
     */
    public record ServiceUnit(UUID serviceUnitId, String name, String status) {
    }
}
