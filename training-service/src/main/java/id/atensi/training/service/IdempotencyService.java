package id.atensi.training.service;

import id.atensi.commons.rest.ProblemCode;
import id.atensi.commons.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first answer to a creating call, kept by the caller's {@code Idempotency-Key}. The key row is
 * inserted in the same transaction as the change: a concurrent retry waits on it and then reads the
 * answer, and a failed first attempt leaves no row, so its retry runs again.
 */
@ApplicationScoped
public class IdempotencyService {

    private final EntityManager entityManager;

    IdempotencyService(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public record StoredAnswer(int status, String location, String body) {
    }

    /**
     * Claims the key for this request inside the current transaction.
     *
     * @return the stored answer when the key was used before for the same request; empty when this request owns the key
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<StoredAnswer> claim(String scope, String key, String request) {
        String hash = sha256(request);
        int inserted = entityManager.createNativeQuery("""
                        INSERT INTO idempotency_record (scope, idem_key, request_hash) VALUES (:scope, :key, :hash)
                        ON CONFLICT (scope, idem_key) DO NOTHING""")
                .setParameter("scope", scope).setParameter("key", key).setParameter("hash", hash)
                .executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        Object[] stored = (Object[]) entityManager.createNativeQuery("""
                        SELECT request_hash, status, location, body FROM idempotency_record WHERE scope = :scope AND idem_key = :key""")
                .setParameter("scope", scope).setParameter("key", key)
                .getSingleResult();
        if (!hash.equals(stored[0])) {
            throw new ProblemException(ProblemCode.UNPROCESSABLE, "this Idempotency-Key was used for a different request; use a new key",
                    List.of(), Map.of("idempotencyKey", key));
        }
        return Optional.of(new StoredAnswer(((Number) stored[1]).intValue(), (String) stored[2], (String) stored[3]));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void remember(String scope, String key, StoredAnswer answer) {
        entityManager.createNativeQuery("""
                        UPDATE idempotency_record SET status = :status, location = :location, body = :body
                        WHERE scope = :scope AND idem_key = :key""")
                .setParameter("status", answer.status()).setParameter("location", answer.location()).setParameter("body", answer.body())
                .setParameter("scope", scope).setParameter("key", key)
                .executeUpdate();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
