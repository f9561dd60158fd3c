package id.atensi.webhook.events;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A person whose personal data was erased ({@code atensi.beneficiary.erased.v1}): nothing personal of theirs is sent again. */
@Entity
@Table(name = "known_erasure")
public class KnownErasure extends PanacheEntityBase {

    @Id
    @Column(name = "beneficiary_id")
    public UUID beneficiaryId;

    @Column(name = "erased_at", nullable = false)
    public OffsetDateTime erasedAt;

    @Column(name = "last_event_id", nullable = false)
    public String lastEventId;

    public static boolean erased(UUID beneficiaryId) {
        return findById(beneficiaryId) != null;
    }
}
