package id.atensi.aid.events;

/**
 * What the aid service reads of {@code atensi.partner.registered} and {@code .updated} (v1 and v2) beyond the fields
 * every read model keeps ({@code commons.readmodel.PartnerEvents}). Its own copy, not the producer's class.
 */
public final class PartnerEvents {

    private PartnerEvents() {
    }

    public record Partner(String type, String provinceCode, String regencyCode) {
    }
}
