package id.atensi.partner.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.util.UUID;

/** What a partner party commits: money in whole rupiah, or something in kind described in words. */
@Embeddable
public class Commitment {

    @Column(name = "partner_id", nullable = false)
    public UUID partnerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CommitmentKind kind;

    /** Set for money only. */
    @Column(name = "amount_idr")
    public Long amountIdr;

    @Column(nullable = false)
    public String description;

    /** The addendum that added this commitment; empty for the agreement's own. */
    @Column(name = "addendum_number")
    public String addendumNumber;

    public Commitment() {
    }

    public Commitment(UUID partnerId, CommitmentKind kind, Long amountIdr, String description, String addendumNumber) {
        this.partnerId = partnerId;
        this.kind = kind;
        this.amountIdr = amountIdr;
        this.description = description;
        this.addendumNumber = addendumNumber;
    }
}
