package id.atensi.aid.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/**
 * What one funding source pays of a distribution: named when proposed (explicit split), or drawn from the programme's
 * pool when approved. Its amount is what the source reserves while the distribution is approved or dispatched; once
 * delivered, {@code deliveredIdr} is what the source paid for.
 */
@Entity
@Table(name = "distribution_share")
public class DistributionShare extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "distribution_id", nullable = false)
    public UUID distributionId;

    /** From 0, the order in which delivery fills the shares. */
    @Column(nullable = false)
    public int position;

    @Column(name = "funding_source_id", nullable = false)
    public UUID fundingSourceId;

    @Column(name = "amount_idr", nullable = false)
    public long amountIdr;

    @Column(name = "delivered_idr", nullable = false)
    public long deliveredIdr;

    public Share share() {
        return new Share(fundingSourceId, amountIdr);
    }

    /** What this share holds of its source's committed amount while its distribution has {@code status}. */
    public long committedIdr(DistributionStatus status) {
        return status.delivered() ? deliveredIdr : status.reservesBudget() ? amountIdr : 0;
    }
}
