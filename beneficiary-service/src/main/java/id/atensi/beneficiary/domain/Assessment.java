package id.atensi.beneficiary.domain;

import id.atensi.vocabulary.AtensiService;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An assessment of a person's needs, each against one of ATENSI's seven services. */
@Entity
@Table(name = "assessment")
public class Assessment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "beneficiary_id", nullable = false)
    public UUID beneficiaryId;

    @Column(name = "assessed_on", nullable = false)
    public LocalDate assessedOn;

    @Column(nullable = false)
    public String assessor;

    public String summary;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "assessment_need", joinColumns = @JoinColumn(name = "assessment_id"))
    public List<Need> needs = new ArrayList<>();

    @Embeddable
    public static class Need {

        @Enumerated(EnumType.STRING)
        @Column(nullable = false)
        public AtensiService service;

        @Column(nullable = false)
        public String need;

        public Need() {
        }

        public Need(AtensiService service, String need) {
            this.service = service;
            this.need = need;
        }
    }
}
