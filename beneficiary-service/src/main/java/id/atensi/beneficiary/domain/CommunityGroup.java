package id.atensi.beneficiary.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A community of beneficiaries (e.g. scavengers) coached by a partner LKS, with a coordinator among its members. */
@Entity
@Table(name = "community_group")
public class CommunityGroup extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    public String description;

    @Column(name = "coaching_partner_id", nullable = false)
    public UUID coachingPartnerId;

    @Column(name = "coordinator_id", nullable = false)
    public UUID coordinatorId;

    @Column(name = "province_code")
    public String provinceCode;

    @Column(name = "regency_code")
    public String regencyCode;

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
    @CollectionTable(name = "community_group_member", joinColumns = @JoinColumn(name = "group_id"))
    public List<Member> members = new ArrayList<>();

    @Embeddable
    public static class Member {

        @Column(name = "beneficiary_id", nullable = false)
        public UUID beneficiaryId;

        @Column(name = "joined_at", nullable = false)
        public OffsetDateTime joinedAt;

        public Member() {
        }

        public Member(UUID beneficiaryId, OffsetDateTime joinedAt) {
            this.beneficiaryId = beneficiaryId;
            this.joinedAt = joinedAt;
        }
    }
}
