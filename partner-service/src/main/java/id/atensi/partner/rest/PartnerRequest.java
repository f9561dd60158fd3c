package id.atensi.partner.rest;

import id.atensi.partner.domain.AccreditationGrade;
import id.atensi.partner.domain.Partner;
import id.atensi.partner.service.PartnerService;
import id.atensi.vocabulary.Cluster;
import id.atensi.vocabulary.PartnerType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@Schema(name = "PartnerRequest", description = "An organisation to register, or its complete new state (PUT); PATCH takes a JSON merge patch of it")
public record PartnerRequest(
        @NotNull @Schema(examples = "LKS") PartnerType type,
        @NotBlank @Size(max = 300) @Schema(examples = "Yayasan Kumala") String legalName,
        @Size(max = 100) @Schema(examples = "Kumala") String shortName,
        @Size(max = 100) @Schema(description = "Registration or licence number; unique among partners", examples = "AHU-0012345.AH.01.04.2015")
        String registrationNumber,
        @Schema(description = "LKS only") AccreditationGrade accreditationGrade,
        @Schema(description = "LKS only; required with a grade", examples = "2027-06-30") LocalDate accreditationExpiresOn,
        @Schema(description = "Tax number: 15 digits (plain or 99.999.999.9-999.999) or 16 digits starting with 0; the 9th digit of the 15-digit number is a Luhn check digit",
                examples = "01.000.013.1-093.000") String npwp,
        @Size(max = 500) @Schema(examples = "Jl. Raya Bekasi Km 18") String addressLine,
        @NotNull @Pattern(regexp = "\\d{2}", message = "must be a 2-digit province code")
        @Schema(description = "Province code of the Ministry of Home Affairs", examples = "32") String provinceCode,
        @Pattern(regexp = "\\d{2}\\.\\d{2}", message = "must be a regency code like 32.02")
        @Schema(description = "Regency/city code of the Ministry of Home Affairs, in the province", examples = "32.75") String regencyCode,
        @Valid @Size(max = 20) List<ContactRequest> contacts,
        Set<Cluster> clusters,
        @Schema(description = "The organisation this one is part of (Pertamina Lubricants is part of Pertamina)") UUID parentId) {

    PartnerService.PartnerDetails toDetails() {
        return new PartnerService.PartnerDetails(type, legalName, shortName, registrationNumber, accreditationGrade,
                accreditationExpiresOn, npwp, addressLine, provinceCode, regencyCode,
                contacts == null ? List.of() : contacts.stream().map(ContactRequest::toContact).toList(), clusters, parentId);
    }

    /** The partner's current state as a request, the base a merge patch applies to. */
    static PartnerRequest of(Partner partner) {
        return new PartnerRequest(partner.type, partner.legalName, partner.shortName, partner.registrationNumber,
                partner.accreditationGrade, partner.accreditationExpiresOn, partner.npwp, partner.addressLine,
                partner.provinceCode, partner.regencyCode,
                partner.contacts.stream().map(ContactRequest::of).toList(), Set.copyOf(partner.clusters),
                partner.parentId);
    }
}
