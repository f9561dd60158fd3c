package id.atensi.beneficiary.domain;

import id.atensi.vocabulary.AtensiService;
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

/** One line of a person's intervention plan: a service planned with a target date. */
@Entity
@Table(name = "intervention_plan_item")
public class PlannedService extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "beneficiary_id", nullable = false)
    public UUID beneficiaryId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AtensiService service;

    @Column(nullable = false)
    public String description;

    @Column(name = "target_date", nullable = false)
    public LocalDate targetDate;

    @Column(name = "planned_by", nullable = false)
    public String plannedBy;

    @Column(name = "planned_at", nullable = false)
    public OffsetDateTime plannedAt;
}
