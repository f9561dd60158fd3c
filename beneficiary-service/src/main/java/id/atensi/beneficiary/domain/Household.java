package id.atensi.beneficiary.domain;

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
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A family by its KK number (sealed and hashed), with its registered members and their relationship to the head. */
@Entity
@Table(name = "household")
public class Household extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "kk_hash", nullable = false)
    public String kkHash;

    @Column(name = "kk_cipher", nullable = false)
    public String kkCipher;

    @Column(name = "kk_key_id", nullable = false)
    public String kkKeyId;

    @Column(name = "registered_at", nullable = false)
    public OffsetDateTime registeredAt;

    @Column(name = "service_unit_id")
    public UUID serviceUnitId;

    /** No operation closes one yet; consumers get the flag in every event so that closing needs no new event version. */
    @Column(nullable = false)
    public boolean active = true;

    @Version
    public long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "household_member", joinColumns = @JoinColumn(name = "household_id"))
    public List<Member> members = new ArrayList<>();

    @Embeddable
    public static class Member {

        @Column(name = "beneficiary_id", nullable = false)
        public UUID beneficiaryId;

        @Enumerated(EnumType.STRING)
        @Column(nullable = false)
        public Relationship relationship;

        public Member() {
        }

        public Member(UUID beneficiaryId, Relationship relationship) {
            this.beneficiaryId = beneficiaryId;
            this.relationship = relationship;
        }
    }
}
