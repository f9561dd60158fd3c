package id.atensi.beneficiary.service;

import id.atensi.beneficiary.domain.PersonalDataAccess;
import id.atensi.commons.paging.Page;
import id.atensi.commons.security.Caller;
import id.atensi.commons.time.ServiceClocks;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes and queries the trail of unmasked reads of personal numbers. */
@ApplicationScoped
public class PersonalDataAudit {

    private final Caller caller;
    private final RequestId requestId;

    PersonalDataAudit(Caller caller, RequestId requestId) {
        this.caller = caller;
        this.requestId = requestId;
    }

    /** The unmasked personal fields an answer with this person's record carries, as the audit trail names them. */
    public static String unmaskedFields(BeneficiaryService.View view) {
        StringBuilder fields = new StringBuilder(view.nik() == null ? "name" : "nik");
        if (view.kkNumber() != null) {
            fields.append(",kkNumber");
        }
        if (view.beneficiary().phone != null) {
            fields.append(",phone");
        }
        if (view.beneficiary().addressLine != null) {
            fields.append(",address");
        }
        return fields.toString();
    }

    /** Records that the caller saw these people's personal numbers unmasked; joins the caller's transaction or starts one. */
    @Transactional
    public void record(Collection<UUID> beneficiaryIds, String fields, String action) {
        Map<UUID, String> fieldsById = new LinkedHashMap<>();
        beneficiaryIds.forEach(id -> fieldsById.put(id, fields));
        record(fieldsById, action);
    }

    /** As {@link #record(Collection, String, String)}, with each person's own unmasked fields. */
    @Transactional
    public void record(Map<UUID, String> fieldsById, String action) {
        record(fieldsById, action, reader(), OffsetDateTime.now(ServiceClocks.SYSTEM_UTC));
    }

    /** The caller of the request being served, as the audit trail names a reader. */
    public Reader reader() {
        return new Reader(caller.name(), caller.roles(), requestId.value());
    }

    /** Who saw the numbers and in answer to which request, where that is not the caller of an HTTP request (a registry's callback). */
    public record Reader(String name, String roles, String requestId) {
    }

    /** As {@link #record(Map, String)}, for a named reader at a given moment. */
    @Transactional
    public void record(Map<UUID, String> fieldsById, String action, Reader reader, OffsetDateTime at) {
        for (Map.Entry<UUID, String> entry : fieldsById.entrySet()) {
            PersonalDataAccess access = new PersonalDataAccess();
            access.id = UUID.randomUUID();
            access.accessedAt = at;
            access.accessedBy = reader.name();
            access.roles = reader.roles();
            access.beneficiaryId = entry.getKey();
            access.fields = entry.getValue();
            access.action = action;
            access.requestId = reader.requestId();
            access.persist();
        }
    }

    public record Query(UUID beneficiaryId, String accessedBy, OffsetDateTime from, OffsetDateTime to) {
    }

    public Page<PersonalDataAccess> find(Query query, int page, int size) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (query.beneficiaryId() != null) {
            where.add("beneficiaryId = :beneficiaryId");
            parameters.and("beneficiaryId", query.beneficiaryId());
        }
        if (query.accessedBy() != null) {
            where.add("accessedBy = :accessedBy");
            parameters.and("accessedBy", query.accessedBy());
        }
        if (query.from() != null) {
            where.add("accessedAt >= :from");
            parameters.and("from", query.from());
        }
        if (query.to() != null) {
            where.add("accessedAt < :to");
            parameters.and("to", query.to());
        }
        String hql = where.isEmpty() ? "" : String.join(" and ", where);
        var found = PersonalDataAccess.<PersonalDataAccess>find(hql, Sort.descending("accessedAt").and("id"), parameters);
        List<PersonalDataAccess> items = found.page(page, size).list();
        return new Page<>(items, page, size, found.count());
    }
}
