package id.atensi.beneficiary.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * A person registered as PPKS, followed through the case workflow. The NIK and KK number are stored only
 * encrypted (with the id of their key) and as a keyed hash for exact lookup: see {@code pii.PersonalNumberCipher}.
 */
@Entity
@Table(name = "beneficiary")
public class Beneficiary extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "full_name", nullable = false)
    public String fullName;

    /** The name folded for search: see {@link NameKey}. */
    @Column(name = "name_key", nullable = false)
    public String nameKey;

    @Column(name = "nik_hash")
    public String nikHash;

    @Column(name = "nik_cipher")
    public String nikCipher;

    @Column(name = "nik_key_id")
    public String nikKeyId;

    @Column(name = "kk_hash")
    public String kkHash;

    @Column(name = "kk_cipher")
    public String kkCipher;

    @Column(name = "kk_key_id")
    public String kkKeyId;

    @Column(name = "birth_place")
    public String birthPlace;

    @Column(name = "birth_date", nullable = false)
    public LocalDate birthDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Sex sex;

    @Column(name = "province_code")
    public String provinceCode;

    @Column(name = "regency_code")
    public String regencyCode;

    @Column(name = "district_code")
    public String districtCode;

    @Column(name = "village_code")
    public String villageCode;

    @Column(name = "address_line")
    public String addressLine;

    public String phone;

    /** Id in the national welfare database (DTKS, DTSEN since 2025). */
    @Column(name = "welfare_id")
    public String welfareId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] clusters = new String[0];

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "disability_types", nullable = false, columnDefinition = "text[]")
    public String[] disabilityTypes = new String[0];

    @Enumerated(EnumType.STRING)
    public Approach approach;

    @Column(name = "service_unit_id")
    public UUID serviceUnitId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "partner_ids", nullable = false, columnDefinition = "uuid[]")
    public UUID[] partnerIds = new UUID[0];

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BeneficiaryStatus status;

    @Column(name = "decision_number")
    public String decisionNumber;

    @Column(name = "decision_date")
    public LocalDate decisionDate;

    @Column(name = "termination_reason")
    public String terminationReason;

    @Column(name = "registered_at", nullable = false)
    public OffsetDateTime registeredAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** Set when this record was merged into another (the survivor); the record stays for references. */
    @Column(name = "merged_into")
    public UUID mergedInto;

    /** Set when the person's personal data was erased: the record stays under a pseudonym. */
    @Column(name = "erased_at")
    public OffsetDateTime erasedAt;

    @Version
    public long version;

    public static Optional<Beneficiary> findByNikHash(String nikHash) {
        return find("nikHash", nikHash).firstResultOptional();
    }

    public boolean servedBy(UUID partnerId) {
        for (UUID id : partnerIds) {
            if (id.equals(partnerId)) {
                return true;
            }
        }
        return false;
    }
}
