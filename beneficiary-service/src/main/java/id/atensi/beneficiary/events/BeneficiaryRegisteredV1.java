package id.atensi.beneficiary.events;

import id.atensi.beneficiary.domain.Beneficiary;
import id.atensi.commons.events.DomainEvent;
import id.atensi.commons.events.EventType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * {@code atensi.beneficiary.registered.v1}: a person was registered. Other services keep the name for display, the
 * status for their rules, and the unit, partners and region (official idn-area codes) for their own object-level
 * access; the NIK, KK number, birth date, phone and address line never leave this service.
 */
@EventType(aggregate = "beneficiary", name = "registered", version = 1)
public record BeneficiaryRegisteredV1(UUID beneficiaryId, String fullName, String status, OffsetDateTime registeredAt,
                                      UUID serviceUnitId, List<UUID> partnerIds, String provinceCode, String regencyCode)
        implements DomainEvent {

    public static BeneficiaryRegisteredV1 of(Beneficiary person) {
        return new BeneficiaryRegisteredV1(person.id, person.fullName, person.status.name(), person.registeredAt,
                person.serviceUnitId, List.of(person.partnerIds), person.provinceCode, person.regencyCode);
    }

    @Override
    public String aggregateId() {
        return beneficiaryId.toString();
    }
}
