package id.atensi.training.service;

import id.atensi.commons.readmodel.ConsentReadModel;
import id.atensi.commons.security.Caller;
import id.atensi.training.domain.Enrolment;
import id.atensi.training.events.KnownConsent;
import id.atensi.vocabulary.ConsentPurpose;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Whose personal data a caller sees (UU 27/2022, issue 18). A partner organisation sees a beneficiary's name and the
 * free text recorded about them only while the person's PARTNER_SHARING consent holds (the latest consent-changed
 * event, read at each request); without it, the partner still sees that the person takes part in its class (ids,
 * status, its own enrolment facts), with the personal fields left out. Admins, officers and auditors work under the
 * programme's own lawful basis (SERVICE_DELIVERY) and see everything. Participants enrolled by name (social companions,
 * partner staff) are not the beneficiary registry's people and have no consent record there: they are shown as before.
 */
@ApplicationScoped
public class PartnerSharing {

    private final Caller caller;

    PartnerSharing(Caller caller) {
        this.caller = caller;
    }

    /** Each enrolment as this caller may see it. */
    public List<Disclosed<Enrolment>> enrolments(List<Enrolment> enrolments) {
        return disclosed(enrolments, enrolment -> enrolment.beneficiaryId);
    }

    public Disclosed<Enrolment> enrolment(Enrolment enrolment) {
        return enrolments(List.of(enrolment)).get(0);
    }

    /** Each item, with the personal data of the beneficiary {@code person} names withheld where this caller may not see it. */
    public <T> List<Disclosed<T>> disclosed(List<T> items, Function<T, UUID> person) {
        if (caller.ownPartner().isEmpty()) {
            return items.stream().map(item -> new Disclosed<>(item, false)).toList();
        }
        Set<UUID> consenting = consenting(items.stream().map(person).filter(Objects::nonNull).toList());
        return items.stream().map(item -> {
            UUID beneficiaryId = person.apply(item);
            return new Disclosed<>(item, beneficiaryId != null && !consenting.contains(beneficiaryId));
        }).toList();
    }

    private static Set<UUID> consenting(Collection<UUID> beneficiaryIds) {
        return ConsentReadModel.givenFor(KnownConsent.class, ConsentPurpose.PARTNER_SHARING, beneficiaryIds);
    }
}
