package id.atensi.aid.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** Items × quantity of a distribution, at the unit value the item had when the distribution was proposed. */
@Entity
@Table(name = "distribution_line")
public class DistributionLine extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "distribution_id", nullable = false)
    public UUID distributionId;

    @Column(nullable = false)
    public int position;

    @Column(name = "item_id", nullable = false)
    public UUID itemId;

    @Column(nullable = false)
    public long quantity;

    @Column(name = "unit_value_idr", nullable = false)
    public long unitValueIdr;

    @Column(name = "line_total_idr", nullable = false)
    public long lineTotalIdr;

    @Column(name = "delivered_quantity")
    public Long deliveredQuantity;
}
