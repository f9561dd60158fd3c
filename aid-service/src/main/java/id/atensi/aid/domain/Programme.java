package id.atensi.aid.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An aid programme and its budget in rupiah. {@code committedIdr} is what approved distributions hold
 * (delivered ones included), {@code deliveredIdr} what reached the recipients; remaining = budget − committed.
 */
@Entity
@Table(name = "programme")
public class Programme extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProgrammeKind kind;

    @Column(name = "period_start", nullable = false)
    public LocalDate periodStart;

    @Column(name = "period_end", nullable = false)
    public LocalDate periodEnd;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProgrammeStatus status;

    @Column(name = "budget_idr", nullable = false)
    public long budgetIdr;

    @Column(name = "committed_idr", nullable = false)
    public long committedIdr;

    @Column(name = "delivered_idr", nullable = false)
    public long deliveredIdr;

    @Column(nullable = false)
    public long version;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    public long remainingIdr() {
        return budgetIdr - committedIdr;
    }
}
