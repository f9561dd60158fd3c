package id.atensi.aid.domain;

import id.atensi.vocabulary.FundingSourceKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** One part of a programme's budget: from the state budget, a CSR partner or another body. Changed only through {@link Programme}. */
@Entity
@Table(name = "funding_source")
public class FundingSource extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "programme_id", nullable = false)
    public UUID programmeId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public FundingSourceKind kind;

    @Column(name = "partner_id")
    public UUID partnerId;

    @Column(name = "funder_name")
    public String funderName;

    @Column(name = "amount_idr", nullable = false)
    public long amountIdr;

    @Column(name = "committed_idr", nullable = false)
    public long committedIdr;

    @Column(name = "delivered_idr", nullable = false)
    public long deliveredIdr;

    /** Its place in the programme's list of sources: the pool draws on them in this order. */
    @Column(nullable = false)
    public int position;

    public long remainingIdr() {
        return amountIdr - committedIdr;
    }
}
