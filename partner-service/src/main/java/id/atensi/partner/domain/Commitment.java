package id.atensi.partner.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.util.Collection;
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

    /**
     * The rupiah the money commitments add up to. Each amount fits a long, their sum need not: past
     * Rp 9,223,372,036,854,775,807 this throws rather than wrap round to a negative total.
     *
     * @throws ArithmeticException when the sum does not fit a long
     */
    public static long totalIdr(Collection<Commitment> commitments) {
        long total = 0;
        for (Commitment commitment : commitments) {
            if (commitment.amountIdr != null) {
                total = Math.addExact(total, commitment.amountIdr);
            }
        }
        return total;
    }

    /** Whether {@link #totalIdr} can add these up. */
    public static boolean totalFits(Collection<Commitment> commitments) {
        try {
            totalIdr(commitments);
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }
}
