package id.atensi.beneficiary.registry.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.beneficiary.domain.Beneficiary;

import java.time.ZoneId;
import java.util.Locale;

/**
 * A person as the standard's social-registry {@code Member} record, with the person's demographics as an
 * {@code SRPerson}: the NIK as identifier type UIN, the name whole in {@code given_name} (Indonesian names have no
 * surname to split off), the address by Kemendagri region codes, and ATENSI's clusters, disability types and case
 * status as the record's additional attributes. Phone and family-card number are not shared.
 */
final class PersonRecords {

    static final String CONTEXT = "https://schema.spdci.org/extensions/social/v1/";

    private PersonRecords() {
    }

    static ObjectNode member(Beneficiary person, String nik, ZoneId zone) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode member = f.objectNode();
        member.putObject("@context").put("spdci", CONTEXT).put("common", "https://schema.spdci.org/common/v1/");
        member.put("@id", "urn:atensi:beneficiary:" + person.id);
        member.put("@type", "spdci:Member");
        member.putArray("member_identifier").addObject().put("@type", "Identifier").put("identifier_type", "ATENSI").put("identifier_value", person.id.toString());
        ObjectNode demographic = member.putObject("demographic_info");
        demographic.put("@type", "spdci:SRPerson");
        if (nik != null) {
            demographic.putArray("identifier").addObject().put("@type", "Identifier").put("identifier_type", SearchMessageReader.NIK_TYPE)
                    .put("identifier_value", nik);
        }
        demographic.putObject("name").put("@type", "Name").put("given_name", person.fullName);
        demographic.put("birth_date", person.birthDate.toString());
        demographic.put("sex", person.sex.name().toLowerCase(Locale.ROOT));
        ObjectNode address = demographic.putArray("address").addObject();
        address.put("@type", "Address");
        if (person.addressLine != null) {
            address.put("address_line1", person.addressLine);
        }
        if (person.villageCode != null) {
            address.put("locality", person.villageCode);
        }
        if (person.regencyCode != null) {
            address.put("sub_region_code", person.regencyCode);
        }
        if (person.provinceCode != null) {
            address.put("region_code", person.provinceCode);
        }
        address.put("country_code", "ID");
        String registered = person.registeredAt.atZoneSameInstant(zone).toOffsetDateTime().toString();
        demographic.put("registration_date", registered);
        member.put("is_disabled", person.disabilityTypes.length > 0);
        if (person.disabilityTypes.length > 0) {
            var disabilities = member.putArray("disability_info");
            for (String type : person.disabilityTypes) {
                disabilities.addObject().put("@type", "spdci:DisabilityInfo").put("disability_type", type);
            }
        }
        member.put("registration_date", registered);
        member.put("last_updated", person.updatedAt.atZoneSameInstant(zone).toOffsetDateTime().toString());
        var attributes = member.putArray("additional_attributes");
        attributes.addObject().put("name", "case_status").put("value", person.status.name());
        for (String cluster : person.clusters) {
            attributes.addObject().put("name", "cluster").put("value", cluster);
        }
        if (person.districtCode != null) {
            attributes.addObject().put("name", "district_code").put("value", person.districtCode);
        }
        return member;
    }
}
