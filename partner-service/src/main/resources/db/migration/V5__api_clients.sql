-- A partner system's credentials: a confidential client in Keycloak, made and managed by partner-service. The
-- secret lives in Keycloak only; this table keeps who made, rotated and disabled each client and when.
CREATE TABLE api_client (
    id                 UUID PRIMARY KEY,
    partner_id         UUID NOT NULL REFERENCES partner (id),
    keycloak_client_id TEXT NOT NULL UNIQUE,
    keycloak_id        TEXT NOT NULL UNIQUE,
    name               TEXT NOT NULL,
    description        TEXT,
    status             TEXT NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    created_at         TIMESTAMPTZ NOT NULL,
    created_by         TEXT NOT NULL,
    secret_rotated_at  TIMESTAMPTZ,
    secret_rotated_by  TEXT,
    disabled_at        TIMESTAMPTZ,
    disabled_by        TEXT,
    version            BIGINT NOT NULL
);

CREATE INDEX api_client_partner ON api_client (partner_id, created_at);
