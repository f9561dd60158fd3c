package id.atensi.beneficiary.registry.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.atensi.beneficiary.config.BeneficiaryConfig;
import id.atensi.beneficiary.domain.Beneficiary;
import id.atensi.beneficiary.pii.PersonalNumberCipher;
import id.atensi.beneficiary.registry.domain.RegistryCondition;
import id.atensi.beneficiary.registry.domain.SearchItem;
import id.atensi.beneficiary.service.PersonalDataAudit;
import id.atensi.vocabulary.ConsentPurpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Answers a search message's requests, each with the people it finds among those whose consent covers the exchange
 * and the declared purpose. Every person answered is written to the trail of unmasked reads (the NIK is in the
 * answer) in the same transaction, under the calling organisation's client id. A request that finds nobody it may
 * share is refused ({@code rjct}), whether nobody matches or nobody who matches consented, so that the answer does
 * not tell whether ATENSI serves the person.
 */
@ApplicationScoped
public class RegistrySearch {

    public static final String AUDIT_ACTION = "registry-search";
    public static final String NOTIFY_AUDIT_ACTION = "registry-notify";
    static final String NOTHING_TO_SHARE = "no person this registry may share for the declared purpose matches the request";

    private final RegistryQueries queries;
    private final PersonalNumberCipher cipher;
    private final PersonalDataAudit audit;
    private final Clock clock;
    private final ZoneId zone;

    RegistrySearch(RegistryQueries queries, PersonalNumberCipher cipher, PersonalDataAudit audit, Clock clock, BeneficiaryConfig config) {
        this.queries = queries;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
        this.zone = config.timeZone();
    }

    /**
     * An envelope's notices: for each, the Member record of its person if the subscriber may still see them (consent
     * for the exchange and its purpose, not erased or merged away, meeting its filter), audited as it leaves under the
     * notice's id; a notice whose person it may not see is absent. One transaction and one query for the envelope: a
     * held envelope of 200 people was 200 transactions, each with its query and its audit row.
     */
    @Transactional
    public Map<UUID, ObjectNode> notified(List<RegistrySubscriptions.Notice> notices, RegistryCondition filter, ConsentPurpose purpose,
                                          Requester requester) {
        Map<UUID, Beneficiary> visible = queries.findVisible(notices.stream().map(RegistrySubscriptions.Notice::beneficiaryId).toList(),
                filter, purpose, LocalDate.now(clock), zone);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<UUID, ObjectNode> records = new HashMap<>();
        Map<UUID, ObjectNode> byNotice = new LinkedHashMap<>();
        for (RegistrySubscriptions.Notice notice : notices) {
            Beneficiary person = visible.get(notice.beneficiaryId());
            if (person == null) {
                continue;
            }
            String nik = person.nikCipher == null ? null : cipher.open(new PersonalNumberCipher.Sealed(person.nikKeyId, person.nikCipher), "nik");
            audit.record(Map.of(person.id, nik != null ? "nik" : "none"), NOTIFY_AUDIT_ACTION,
                    new PersonalDataAudit.Reader(requester.clientId(), requester.roles(), notice.id().toString()), now);
            byNotice.put(notice.id(), records.computeIfAbsent(person.id, id -> PersonRecords.member(person, nik, zone)));
        }
        return byNotice;
    }

    /** The message's {@code search_response}: one entry per request, in the request's order. */
    @Transactional
    public ArrayNode answer(List<SearchItem> items, Requester requester, String correlationId) {
        ArrayNode responses = JsonNodeFactory.instance.arrayNode();
        LocalDate today = LocalDate.now(clock);
        OffsetDateTime now = OffsetDateTime.now(clock);
        PersonalDataAudit.Reader reader = new PersonalDataAudit.Reader(requester.clientId(), requester.roles(), correlationId);
        // Audited once for the message, after every query: an audit row persisted between two requests' queries makes
        // Hibernate flush before each of the next, and a person asked for twice is one unmasked read of the answer.
        Map<UUID, String> shown = new LinkedHashMap<>();
        Map<Integer, RegistryQueries.Found> identified = queries.findIdentified(items);
        for (int position = 0; position < items.size(); position++) {
            SearchItem item = items.get(position);
            ObjectNode response = responses.addObject();
            response.put("reference_id", item.referenceId());
            response.put("timestamp", now.toString());
            if (item.refusal().isPresent()) {
                response.put("status", "rjct");
                response.put("status_reason_code", item.refusal().get().code().code());
                response.put("status_reason_message", item.refusal().get().message());
                continue;
            }
            RegistryQueries.Found found = identified.containsKey(position) ? identified.get(position) : queries.find(item, today, zone);
            if (found.total() == 0) {
                response.put("status", "rjct");
                response.put("status_reason_message", NOTHING_TO_SHARE);
                continue;
            }
            response.put("status", "succ");
            ObjectNode data = response.putObject("data");
            data.put("version", "1.0.0");
            data.put("reg_type", "ns:org:RegistryType:Social");
            data.put("reg_record_type", "spdci:Member");
            ArrayNode records = data.putArray("reg_records");
            for (Beneficiary person : found.people()) {
                String nik = person.nikCipher == null ? null : cipher.open(new PersonalNumberCipher.Sealed(person.nikKeyId, person.nikCipher), "nik");
                records.add(PersonRecords.member(person, nik, zone));
                shown.put(person.id, nik != null ? "nik" : "none");
            }
            response.putObject("pagination").put("page_size", item.pageSize()).put("page_number", item.pageNumber()).put("total_count", found.total());
            if (item.locale().matches("[a-z]{3}")) {
                response.put("locale", item.locale());
            }
        }
        audit.record(shown, AUDIT_ACTION, reader, now);
        return responses;
    }
}
