package id.atensi.webhook.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What of an event's data is a person's personal data, and what a partner may receive without the person's consent.
 * <ul>
 *   <li>NIK and KK numbers never leave the beneficiary service; should a field named like one ever appear in an
 *       event, it is removed here before anything else, at any depth.</li>
 *   <li>An event about one person (its data has {@code beneficiaryId}) keeps its personal fields only while that
 *       person's consent for {@link #CONSENT_PURPOSE} holds and the person has not been erased. Otherwise only the
 *       fields listed in {@link #NOT_PERSONAL} stay: ids, statuses, times and counts. A whitelist rather than a list
 *       of personal fields, so that a field added to an event later is withheld until someone decides it is not
 *       personal.</li>
 * </ul>
 */
public final class PersonalData {

    public static final String CONSENT_PURPOSE = "PARTNER_SHARING";

    /** Set in an event's data whose personal fields were withheld, as in beneficiary-service's minimal view. */
    public static final String WITHHELD_MARKER = "personalDataWithheld";

    /** Fields that never identify or describe a person beyond the ids the partner already holds. */
    public static final Set<String> NOT_PERSONAL = Set.of(
            "beneficiaryId", "status", "fromStatus", "toStatus", "serviceUnitId", "partnerIds", "changedFields",
            "registeredAt", "updatedAt", "changedAt", "survivorId", "mergedAt", "consentId", "purpose", "given",
            "erasedAt", "pseudonym", "enrolmentId", "classId", "audience", "at", "withdrawnAt", "promotedEnrolmentId",
            "completedAt", "sessionsAttended", "sessionsTotal", "outcomeId", "observedOn");

    private static final Pattern PERSONAL_NUMBER = Pattern.compile("(?i)^(nik|kk|nomor_?kk|no_?kk|family_?card).*");

    private PersonalData() {
    }

    /** The person an event's personal fields belong to, if it is about one. */
    public static Optional<UUID> subjectPerson(JsonNode data) {
        JsonNode id = data.get("beneficiaryId");
        if (id == null || !id.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id.asText()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Removes, at any depth, every field named like a NIK or KK number. */
    public static void removePersonalNumbers(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (PERSONAL_NUMBER.matcher(name).matches()) {
                    object.remove(name);
                } else {
                    removePersonalNumbers(object.get(name));
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(PersonalData::removePersonalNumbers);
        }
    }

    /** Keeps only the fields that are not personal. */
    public static void withholdPersonalFields(ObjectNode data) {
        Iterator<String> names = data.fieldNames();
        List<String> personal = new ArrayList<>();
        names.forEachRemaining(name -> {
            if (!NOT_PERSONAL.contains(name)) {
                personal.add(name);
            }
        });
        data.remove(personal);
    }
}
