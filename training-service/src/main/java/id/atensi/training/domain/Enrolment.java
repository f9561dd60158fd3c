package id.atensi.training.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

/** A participant's place (or waitlist entry) in a class, and how it ended. */
@Entity
@Table(name = "enrolment")
public class Enrolment extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Assigned by the database on insert; orders the waitlist. */
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "class_id", nullable = false)
    public UUID classId;

    /** Who the person is, for "the same person twice": the beneficiary id, or the name and organisation of a named participant. */
    @Column(name = "person_key", nullable = false)
    public String personKey;

    @Column(name = "beneficiary_id")
    public UUID beneficiaryId;

    @Column(name = "full_name", nullable = false)
    public String fullName;

    public String organisation;

    @Enumerated(EnumType.STRING)
    @Column(name = "companion_role")
    public CompanionRole companionRole;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Audience audience;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EnrolmentStatus status;

    @Column(name = "enrolled_at", nullable = false)
    public OffsetDateTime enrolledAt;

    @Column(name = "withdrawn_at")
    public OffsetDateTime withdrawnAt;

    @Column(name = "sessions_attended")
    public Integer sessionsAttended;

    @Column(name = "certificate_number")
    public String certificateNumber;

    @Version
    public long version;

    public static String beneficiaryKey(UUID beneficiaryId) {
        return "beneficiary:" + beneficiaryId;
    }

    /** Case and spacing do not make another person: "Rina  Wati" of "yayasan kumala" is Rina Wati of Yayasan Kumala. */
    public static String namedKey(String fullName, String organisation) {
        return "named:" + normalised(fullName) + "|" + normalised(organisation);
    }

    private static String normalised(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /**
     * Erasure of the person's personal data (UU PDP): the name becomes the beneficiary service's pseudonym, while the
     * place, its status, attendance and certificate stay, since the class's figures count them.
     */
    public void erase(String pseudonym) {
        fullName = pseudonym;
    }

    /** Took part in the class (as opposed to waiting for a place or having left it). */
    public boolean tookPart() {
        return status == EnrolmentStatus.ENROLLED || status == EnrolmentStatus.COMPLETED || status == EnrolmentStatus.NOT_COMPLETED;
    }
}
