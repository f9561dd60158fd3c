package id.atensi.partner.service;

import id.atensi.commons.idempotency.Creations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.function.Supplier;

/**
 * The transaction of every creating call. platform-commons' {@link Creations} stores the answer that a retry with the
 * same Idempotency-Key gets back, and must do so in the transaction that creates the record, so that the two commit
 * together; resources open no transaction, so they create through this.
 */
@ApplicationScoped
public class IdempotentCreations {

    private final Creations creations;

    IdempotentCreations(Creations creations) {
        this.creations = creations;
    }

    /** As {@link Creations#create}, with {@code creation} (a use case and the answer's body) in one transaction. */
    @Transactional
    public Response create(String operation, String idempotencyKey, Object request, UriInfo uri, Supplier<Creations.Created> creation) {
        return creations.create(operation, idempotencyKey, request, uri, creation);
    }
}
