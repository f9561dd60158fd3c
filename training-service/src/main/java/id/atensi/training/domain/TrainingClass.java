package id.atensi.training.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** One class of a programme, hosted by a service unit and run by one or more provider partners. */
@Entity
@Table(name = "training_class")
public class TrainingClass extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "programme_id", nullable = false)
    public UUID programmeId;

    @Column(nullable = false)
    public String title;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "class_skill_area", joinColumns = @JoinColumn(name = "class_id"))
    @Column(name = "skill_area")
    @Enumerated(EnumType.STRING)
    public Set<SkillArea> skillAreas = EnumSet.noneOf(SkillArea.class);

    @Column(name = "host_unit_id", nullable = false)
    public UUID hostUnitId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "class_provider", joinColumns = @JoinColumn(name = "class_id"))
    @Column(name = "partner_id")
    public Set<UUID> providerPartnerIds = new HashSet<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Modality modality;

    @Column(name = "meeting_link")
    public String meetingLink;

    public String place;

    @Column(name = "start_date", nullable = false)
    public LocalDate startDate;

    @Column(name = "end_date", nullable = false)
    public LocalDate endDate;

    @Column(nullable = false)
    public int capacity;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "class_audience", joinColumns = @JoinColumn(name = "class_id"))
    @Column(name = "audience")
    @Enumerated(EnumType.STRING)
    public Set<Audience> audiences = EnumSet.noneOf(Audience.class);

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ClassStatus status;

    @Column(name = "cancel_reason")
    public String cancelReason;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    @Version
    public long version;

    /**
     * The class locked until the transaction ends, or null: enrolments, withdrawals and transitions of one class go one
     * at a time. The row is locked with plain SQL before it is loaded, because Hibernate's follow-on locking of an entity
     * with element collections fails under concurrent use; loaded after the lock, the entity is current.
     */
    public static TrainingClass lockedById(UUID id) {
        List<?> locked = getEntityManager()
                .createNativeQuery("SELECT id FROM training_class WHERE id = :id FOR UPDATE")
                .setParameter("id", id)
                .getResultList();
        return locked.isEmpty() ? null : findById(id);
    }
}
