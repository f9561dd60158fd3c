package id.atensi.aid.service;

import id.atensi.aid.domain.Distribution;
import id.atensi.aid.domain.RecipientKind;
import id.atensi.aid.events.KnownBeneficiary;
import id.atensi.aid.events.KnownConsent;
import id.atensi.aid.events.PersonalDataErasure;
import id.atensi.commons.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Everything the aid service holds on one beneficiary, for the person's right of access (UU 27/2022): what it learned of
 * them from the beneficiary service, their consents, an erasure carried out here, and every distribution to them with
 * its lines, shares and proof, and the proof files stored for them (described, not their bytes). Read in one transaction, so that the document is one moment's state.
 */
@ApplicationScoped
public class DataSubjectQueries {

    private final AidAccess access;
    private final DistributionQueries distributions;
    private final ProofFileQueries proofFiles;
    private final Clock clock;

    DataSubjectQueries(AidAccess access, DistributionQueries distributions, ProofFileQueries proofFiles, Clock clock) {
        this.access = access;
        this.distributions = distributions;
        this.proofFiles = proofFiles;
        this.clock = clock;
    }

    public record DataSubject(UUID beneficiaryId, OffsetDateTime generatedAt, KnownBeneficiary known, PersonalDataErasure erasure,
                              List<KnownConsent> consents, List<DistributionQueries.Reading> distributions,
                              List<ProofFileQueries.Stored> proofFiles) {
    }

    /**
     * An admin reads the document of anyone the service holds something on; an officer that of a person of its unit or
     * of no unit (the rule for the read model of known beneficiaries), or, for a person the read model does not know,
     * one with a distribution of its unit. Otherwise 404, as for a distribution out of reach.
     */
    @Transactional
    public DataSubject of(UUID beneficiaryId) {
        KnownBeneficiary known = KnownBeneficiary.findById(beneficiaryId);
        List<Distribution> received = Distribution.list("recipientKind = ?1 and recipientId = ?2 order by proposedAt",
                RecipientKind.PERSON, beneficiaryId);
        boolean reached = access.unitScope()
                .map(unit -> known != null ? known.serviceUnitId == null || unit.equals(known.serviceUnitId)
                        : received.stream().anyMatch(d -> unit.equals(d.serviceUnitId)))
                .orElse(known != null || !received.isEmpty());
        if (!reached) {
            throw ProblemException.notFound("data subject", beneficiaryId);
        }
        return new DataSubject(beneficiaryId, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), known,
                PersonalDataErasure.findById(beneficiaryId), KnownConsent.list("beneficiaryId = ?1 order by purpose", beneficiaryId),
                distributions.read(received), proofFiles.storedFor(received.stream().map(d -> d.id).toList()));
    }
}
