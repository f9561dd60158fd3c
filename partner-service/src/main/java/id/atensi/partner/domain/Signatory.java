package id.atensi.partner.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.util.UUID;

/** Who signed for a party. Personal data: it stays in this service and never goes into an event. */
@Embeddable
public class Signatory {

    @Column(nullable = false)
    public String name;

    public String title;

    /** The partner or service unit this person signed for. */
    @Column(name = "party_id", nullable = false)
    public UUID partyId;

    public Signatory() {
    }

    public Signatory(String name, String title, UUID partyId) {
        this.name = name;
        this.title = title;
        this.partyId = partyId;
    }
}
