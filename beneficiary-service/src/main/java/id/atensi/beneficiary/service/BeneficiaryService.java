package id.atensi.beneficiary.service;

import id.atensi.beneficiary.domain.Beneficiary;
import id.atensi.beneficiary.domain.BeneficiaryStatus;
import id.atensi.beneficiary.domain.Nik;
import id.atensi.beneficiary.domain.Sex;
import id.atensi.beneficiary.events.BeneficiaryRegisteredV1;
import id.atensi.commons.events.EventOutbox;
import id.atensi.commons.rest.Problem;
import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Registration and lookup of beneficiaries; every change records its event in the same transaction. */
@ApplicationScoped
public class BeneficiaryService {

    private final EventOutbox outbox;

    BeneficiaryService(EventOutbox outbox) {
        this.outbox = outbox;
    }

    /** What registration needs to know of a person. */
    public record Registration(String fullName, String nik, LocalDate birthDate, Sex sex) {
    }

    @Transactional
    public Beneficiary register(Registration registration) {
        List<Problem.FieldError> nikProblems = Nik.problems(registration.nik(), registration.birthDate(), registration.sex()).stream()
                .map(message -> new Problem.FieldError("nik", message))
                .toList();
        if (!nikProblems.isEmpty()) {
            throw new ProblemException(ProblemCode.VALIDATION, "the request has invalid fields", nikProblems, Map.of());
        }
        Beneficiary.findByNik(registration.nik()).ifPresent(existing -> {
            throw new ProblemException(ProblemCode.CONFLICT, "a beneficiary with this NIK is registered already", List.of(),
                    Map.of("existingId", existing.id));
        });
        Beneficiary beneficiary = new Beneficiary();
        beneficiary.id = UUID.randomUUID();
        beneficiary.fullName = registration.fullName().strip();
        beneficiary.nik = registration.nik();
        beneficiary.birthDate = registration.birthDate();
        beneficiary.sex = registration.sex();
        beneficiary.status = BeneficiaryStatus.REGISTERED;
        beneficiary.registeredAt = OffsetDateTime.now(ZoneOffset.UTC);
        beneficiary.persist();
        outbox.record(new BeneficiaryRegisteredV1(beneficiary.id, beneficiary.fullName, beneficiary.status.name(),
                beneficiary.registeredAt));
        return beneficiary;
    }

    public Beneficiary get(UUID id) {
        return Beneficiary.<Beneficiary>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("beneficiary", id));
    }
}
