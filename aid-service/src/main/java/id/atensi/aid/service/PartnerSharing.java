package id.atensi.aid.service;

import id.atensi.aid.domain.Distribution;
import id.atensi.aid.domain.RecipientKind;
import id.atensi.aid.events.KnownConsent;
import id.atensi.commons.readmodel.ConsentReadModel;
import id.atensi.commons.security.Caller;
import id.atensi.vocabulary.ConsentPurpose;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Whose personal data a caller sees (UU 27/2022, issue 18). A partner organisation sees the personal details of a
 * distribution to a person (the note, the override and closing reasons, the proof's receiver, place, coordinates and
 * file) only while the person's PARTNER_SHARING consent holds (the latest consent-changed event, read at each request);
 * without it, the partner still sees the distribution it channels (ids, status, items, amounts, its own dispatch and
 * delivery facts) with those fields left out. Admins, officers and auditors work under the programme's own lawful basis
 * (SERVICE_DELIVERY) and see everything. Households and community groups are not people with consent records in the
 * beneficiary service: their distributions are shown as before.
 */
@ApplicationScoped
public class PartnerSharing {

    private final Caller caller;

    PartnerSharing(Caller caller) {
        this.caller = caller;
    }

    /** Of these distributions, the ids of those whose personal details this caller may not see. */
    Set<UUID> withheld(Collection<Distribution> distributions) {
        if (caller.ownPartner().isEmpty()) {
            return Set.of();
        }
        Set<UUID> people = distributions.stream().filter(d -> d.recipientKind == RecipientKind.PERSON).map(d -> d.recipientId)
                .collect(Collectors.toSet());
        Set<UUID> consenting = ConsentReadModel.givenFor(KnownConsent.class, ConsentPurpose.PARTNER_SHARING, people);
        return distributions.stream().filter(d -> d.recipientKind == RecipientKind.PERSON && !consenting.contains(d.recipientId))
                .map(d -> d.id).collect(Collectors.toSet());
    }
}
