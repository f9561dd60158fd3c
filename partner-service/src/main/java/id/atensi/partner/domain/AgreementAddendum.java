package id.atensi.partner.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** An addendum to an agreement, kept with what it changed so that the agreement's history reads in order. */
@Entity
@Table(name = "agreement_addendum")
public class AgreementAddendum extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "agreement_id", nullable = false)
    public UUID agreementId;

    @Column(nullable = false)
    public String number;

    @Column(nullable = false)
    public String title;

    @Column(name = "signed_on", nullable = false)
    public LocalDate signedOn;

    @Column(nullable = false)
    public String summary;

    @Column(name = "previous_ends_on", nullable = false)
    public LocalDate previousEndsOn;

    @Column(name = "ends_on", nullable = false)
    public LocalDate endsOn;

    @Column(name = "added_amount_idr", nullable = false)
    public long addedAmountIdr;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;

    /** {@link AgreementTerms} as JSON; empty for addenda recorded before terms were kept. */
    @Column(name = "terms_before")
    public String termsBefore;

    @Column(name = "terms_after")
    public String termsAfter;

    public static List<AgreementAddendum> history(UUID agreementId) {
        return list("agreementId = ?1 order by recordedAt", agreementId);
    }

    public static Optional<AgreementAddendum> findByNumber(String number) {
        return find("upper(number) = upper(?1)", number.strip()).firstResultOptional();
    }
}
