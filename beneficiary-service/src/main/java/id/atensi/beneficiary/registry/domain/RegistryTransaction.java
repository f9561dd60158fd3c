package id.atensi.beneficiary.registry.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An asynchronous search taken with ACK: pending ({@code pdng}) until its answer is delivered to the caller's
 * {@code sender_uri} ({@code succ}, or {@code rjct} when no request of it found anybody), or given up after the
 * configured attempts ({@code rjct}, with the last error).
 */
@Entity
@Table(name = "registry_transaction")
public class RegistryTransaction extends PanacheEntityBase {

    @Id
    @Column(name = "correlation_id")
    public UUID correlationId;

    @Column(name = "sender_id", nullable = false)
    public String senderId;

    @Column(name = "message_id", nullable = false)
    public String messageId;

    @Column(name = "transaction_id", nullable = false)
    public String transactionId;

    @Column(name = "txn_type", nullable = false)
    public String txnType;

    @Column(name = "sender_uri", nullable = false)
    public String senderUri;

    @Column(name = "caller_roles", nullable = false)
    public String callerRoles;

    @Column(name = "request_cipher")
    public String requestCipher;

    @Column(name = "request_key_id")
    public String requestKeyId;

    @Column(nullable = false)
    public String status;

    /** {@code [{"reference_id": …, "status": …}]}: no personal data, kept for the status requests. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "reference_statuses", nullable = false, columnDefinition = "jsonb")
    public String referenceStatuses;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    @Version
    public long version;

    public boolean open() {
        return completedAt == null;
    }

    /** Delivered: the request is forgotten, the outcome kept. */
    public void delivered(String outcome, String statuses, OffsetDateTime now) {
        status = outcome;
        referenceStatuses = statuses;
        finish(now, null);
    }

    /**
     * A failed attempt: the next one after {@code first} doubled per attempt made, or, past {@code maxAttempts}, the
     * transaction is given up.
     */
    public void failed(String error, Duration first, int maxAttempts, OffsetDateTime now) {
        lastError = error.length() > 500 ? error.substring(0, 500) : error;
        if (attempts >= maxAttempts) {
            status = "rjct";
            finish(now, lastError);
            return;
        }
        long delay = first.toMillis() << Math.min(attempts - 1, 16);
        nextAttemptAt = now.plus(Duration.ofMillis(delay));
    }

    private void finish(OffsetDateTime now, String error) {
        completedAt = now;
        nextAttemptAt = null;
        requestCipher = null;
        requestKeyId = null;
        lastError = error;
    }
}
