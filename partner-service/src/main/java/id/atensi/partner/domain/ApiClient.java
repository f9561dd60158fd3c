package id.atensi.partner.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A partner system's credentials: a confidential Keycloak client whose service account acts as the partner. Keycloak
 * holds the secret; this record holds who made, rotated and disabled the client, and when.
 */
@Entity
@Table(name = "api_client")
public class ApiClient extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "partner_id", nullable = false)
    public UUID partnerId;

    /** The {@code client_id} a partner system sends to Keycloak's token endpoint. */
    @Column(name = "keycloak_client_id", nullable = false)
    public String keycloakClientId;

    /** Keycloak's own id of the client, which its admin API addresses. */
    @Column(name = "keycloak_id", nullable = false)
    public String keycloakId;

    @Column(nullable = false)
    public String name;

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ApiClientStatus status;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "secret_rotated_at")
    public OffsetDateTime secretRotatedAt;

    @Column(name = "secret_rotated_by")
    public String secretRotatedBy;

    @Column(name = "disabled_at")
    public OffsetDateTime disabledAt;

    @Column(name = "disabled_by")
    public String disabledBy;

    @Version
    public long version;

    /** The Keycloak client id of an API client, unique because the record's id is; its name in Keycloak says whose it is. */
    public static String keycloakClientIdOf(UUID apiClientId) {
        return "atensi-partner-api-" + apiClientId;
    }

    public List<ApiClientStatus> allowedTransitions() {
        return status == ApiClientStatus.ACTIVE ? List.of(ApiClientStatus.DISABLED) : List.of();
    }

    /** Only an active client gets a new secret: a disabled one can no longer change. */
    public boolean takesNewSecret() {
        return status == ApiClientStatus.ACTIVE;
    }

    public void secretRotated(OffsetDateTime at, String by) {
        secretRotatedAt = at;
        secretRotatedBy = by;
    }

    public void disable(OffsetDateTime at, String by) {
        status = ApiClientStatus.DISABLED;
        disabledAt = at;
        disabledBy = by;
    }
}
