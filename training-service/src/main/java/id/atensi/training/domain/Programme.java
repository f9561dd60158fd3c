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

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** A training programme (e.g. the PENA workshop): the skills it builds, and the classes that deliver it. */
@Entity
@Table(name = "programme")
public class Programme extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String title;

    public String description;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "programme_skill_area", joinColumns = @JoinColumn(name = "programme_id"))
    @Column(name = "skill_area")
    @Enumerated(EnumType.STRING)
    public Set<SkillArea> skillAreas = EnumSet.noneOf(SkillArea.class);

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Version
    public long version;
}
