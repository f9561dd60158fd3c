package id.atensi.partner.rest;

import id.atensi.partner.service.PartnerQueries;
import id.atensi.vocabulary.PartnerType;
import id.atensi.vocabulary.Regions;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PartnersByTypeAndRegion")
public record TypeRegionCountResponse(PartnerType type, @Schema(examples = "32") String provinceCode,
                                      @Schema(examples = "JAWA BARAT") String provinceName, long partners) {

    static TypeRegionCountResponse of(PartnerQueries.TypeRegionCount count) {
        return new TypeRegionCountResponse(count.type(), count.provinceCode(),
                Regions.provinceName(count.provinceCode()).orElse(null), count.partners());
    }
}
