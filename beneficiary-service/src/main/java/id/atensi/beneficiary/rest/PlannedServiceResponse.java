package id.atensi.beneficiary.rest;

import id.atensi.beneficiary.domain.PlannedService;
import id.atensi.vocabulary.AtensiService;

import java.time.LocalDate;
import java.time.OffsetDateTime;

public record PlannedServiceResponse(AtensiService service, String description, LocalDate targetDate, String plannedBy,
                                     OffsetDateTime plannedAt) {

    static PlannedServiceResponse of(PlannedService p) {
        return new PlannedServiceResponse(p.service, p.description, p.targetDate, p.plannedBy, p.plannedAt);
    }
}
