package id.atensi.beneficiary.service;

import id.atensi.beneficiary.domain.CommunityGroup;
import id.atensi.commons.paging.Page;
import id.atensi.commons.security.Caller;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Community groups as callers list them, limited to what the caller reaches ({@link BeneficiaryAccess}): a partner the
 * groups it coaches, an officer its unit's. Changes are {@link GroupService}'s.
 */
@ApplicationScoped
public class GroupQueries {

    private final Caller caller;
    private final BeneficiaryAccess access;

    GroupQueries(Caller caller, BeneficiaryAccess access) {
        this.caller = caller;
        this.access = access;
    }

    /** By name; a partner asking for another partner's groups gets an empty page, as for a partner that coaches none. */
    public Page<GroupService.GroupView> groups(UUID coachingPartnerId, int page, int size) {
        UUID partner = caller.ownPartner().orElse(coachingPartnerId);
        if (caller.ownPartner().isPresent() && coachingPartnerId != null && !coachingPartnerId.equals(partner)) {
            return new Page<>(List.of(), page, size, 0);
        }
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (partner != null) {
            where.add("coachingPartnerId = :partner");
            parameters.and("partner", partner);
        }
        access.unitScope().ifPresent(unit -> {
            where.add("serviceUnitId = :unit");
            parameters.and("unit", unit);
        });
        var query = CommunityGroup.<CommunityGroup>find(String.join(" and ", where), Sort.by("name").and("id"), parameters);
        return new Page<>(query.page(page, size).list().stream().map(GroupService::view).toList(), page, size, query.count());
    }
}
