package id.atensi.commons.idempotency;

import id.atensi.commons.rest.ETags;
import id.atensi.commons.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The answer of every creating call: 201 with Location and ETag, replayed as it was when the caller repeats its
 * {@code Idempotency-Key}. For records whose body carries no personal data.
 */
@ApplicationScoped
public class Creations {

    /** Tells a client that retried with the same key that this answer is the first call's, not a new record. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final IdempotencyKeys keys;
    private final CanonicalJson json;
    private final Caller caller;

    Creations(IdempotencyKeys keys, CanonicalJson json, Caller caller) {
        this.keys = keys;
        this.json = json;
        this.caller = caller;
    }

    /** A created resource and the body that describes it. */
    public record Created(UUID id, Object body) {
    }

    /**
     * Runs {@code creation} and stores its answer in one transaction, so that the stored answer commits with the
     * record it describes: a resource calls this directly (it opens no transaction of its own), a use case that has
     * opened one already is joined.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public Response create(String operation, String idempotencyKey, Object request, UriInfo uri, Supplier<Created> creation) {
        IdempotencyKeys.Outcome outcome = keys.once(caller.name(), idempotencyKey, operation, fingerprint(request), () -> {
            Created created = creation.get();
            return IdempotencyKeys.Outcome.created(created.id(), json.write(created.body()));
        });
        // A new record is at version 0; a replay answers what the first call answered, ETag included.
        Response.ResponseBuilder answer = Response.created(uri.getAbsolutePathBuilder().path(outcome.resourceId().toString()).build())
                .tag(ETags.of(0))
                .type(MediaType.APPLICATION_JSON)
                .entity(outcome.body());
        if (outcome.replayed()) {
            answer.header(REPLAYED_HEADER, "true");
        }
        return answer.build();
    }

    /** A SHA-256 digest of the request as canonical JSON: the same key sent with another request is refused. */
    public String fingerprint(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.write(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
