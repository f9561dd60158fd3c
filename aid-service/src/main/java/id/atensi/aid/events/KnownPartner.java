package id.atensi.aid.events;

import id.atensi.commons.readmodel.KnownPartnerBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A partner organisation as the aid service learned of it from the partner service's events: whether a channelling
 * partner or a funder exists and is active, and its type and region for the totals.
 */
@Entity
@Table(name = "known_partner")
public class KnownPartner extends KnownPartnerBase {

    @Column(nullable = false)
    public String type;

    @Column(name = "province_code")
    public String provinceCode;

    @Column(name = "regency_code")
    public String regencyCode;
}
