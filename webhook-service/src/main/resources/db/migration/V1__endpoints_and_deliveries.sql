-- A partner system's receiving URL, what it subscribes to and its signing secrets. Secrets are kept readable because
-- HMAC signing needs the key itself; the database is the service's own and reached by nothing else.
CREATE TABLE endpoint (
    id                          UUID PRIMARY KEY,
    partner_id                  UUID        NOT NULL,
    url                         TEXT        NOT NULL,
    description                 TEXT,
    event_types                 JSONB       NOT NULL,
    status                      TEXT        NOT NULL,
    disabled_reason             TEXT,
    disabled_at                 TIMESTAMPTZ,
    secret                      TEXT        NOT NULL,
    previous_secret             TEXT,
    previous_secret_expires_at  TIMESTAMPTZ,
    failing_since               TIMESTAMPTZ,
    created_at                  TIMESTAMPTZ NOT NULL,
    updated_at                  TIMESTAMPTZ NOT NULL,
    version                     BIGINT      NOT NULL
);
CREATE INDEX endpoint_partner ON endpoint (partner_id, status);

-- An event that at least one endpoint receives, as consumed; delivery bodies are built from it at send time, so
-- that consent withdrawn and erasure apply to retries and replays too. beneficiary_id names the person whose
-- personal fields it may hold (erasure removes them here).
CREATE TABLE webhook_event (
    id              TEXT PRIMARY KEY,
    type            TEXT        NOT NULL,
    source          TEXT        NOT NULL,
    subject         TEXT,
    time            TIMESTAMPTZ NOT NULL,
    data            JSONB       NOT NULL,
    beneficiary_id  UUID,
    received_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX webhook_event_beneficiary ON webhook_event (beneficiary_id) WHERE beneficiary_id IS NOT NULL;

-- One event for one endpoint: its id is the webhook-id, the same on every attempt and replay. seq is the order in
-- which the events were consumed, which per aggregate (ordering_key) is the order they were committed in.
CREATE TABLE delivery (
    id               UUID PRIMARY KEY,
    seq              BIGSERIAL   NOT NULL UNIQUE,
    endpoint_id      UUID        NOT NULL REFERENCES endpoint (id) ON DELETE CASCADE,
    event_id         TEXT        NOT NULL REFERENCES webhook_event (id),
    event_type       TEXT        NOT NULL,
    ordering_key     TEXT        NOT NULL,
    status           TEXT        NOT NULL,
    attempts         INT         NOT NULL DEFAULT 0,
    retry_step       INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ,
    lease_until      TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL,
    last_attempt_at  TIMESTAMPTZ,
    last_status_code INT,
    delivered_at     TIMESTAMPTZ,
    UNIQUE (endpoint_id, event_id)
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX delivery_order ON delivery (endpoint_id, ordering_key, seq) WHERE status = 'PENDING';
CREATE INDEX delivery_log ON delivery (endpoint_id, created_at);

CREATE TABLE delivery_attempt (
    id               BIGSERIAL PRIMARY KEY,
    delivery_id      UUID        NOT NULL REFERENCES delivery (id) ON DELETE CASCADE,
    attempt          INT         NOT NULL,
    attempted_at     TIMESTAMPTZ NOT NULL,
    outcome          TEXT        NOT NULL,
    status_code      INT,
    latency_ms       BIGINT      NOT NULL,
    response_excerpt TEXT,
    detail           TEXT
);
CREATE INDEX delivery_attempt_delivery ON delivery_attempt (delivery_id, attempt);

-- Read models, from the four topics (owned by the other services; rebuilt by replay).
CREATE TABLE known_partner (
    partner_id     UUID PRIMARY KEY,
    legal_name     TEXT        NOT NULL,
    status         TEXT        NOT NULL,
    last_event_id  TEXT        NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE known_service_unit (
    service_unit_id UUID PRIMARY KEY,
    name            TEXT        NOT NULL,
    status          TEXT        NOT NULL,
    last_event_id   TEXT        NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

-- Who may receive what: the partners serving a person, party to an agreement, providing a class, channelling a
-- distribution (kind and id in audience_key, e.g. CLASS:<uuid>); the events that lack the partner ids are routed
-- by these.
CREATE TABLE known_audience (
    audience_key   TEXT PRIMARY KEY,
    partner_ids    JSONB       NOT NULL,
    last_event_id  TEXT        NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);

-- The latest consent per person and purpose (by changedAt); no row means not given.
CREATE TABLE known_consent (
    beneficiary_id UUID        NOT NULL,
    purpose        TEXT        NOT NULL,
    consent_id     UUID,
    given          BOOLEAN     NOT NULL,
    changed_at     TIMESTAMPTZ NOT NULL,
    last_event_id  TEXT        NOT NULL,
    PRIMARY KEY (beneficiary_id, purpose)
);

-- People whose personal data was erased: nothing personal of theirs is sent again.
CREATE TABLE known_erasure (
    beneficiary_id UUID PRIMARY KEY,
    erased_at      TIMESTAMPTZ NOT NULL,
    last_event_id  TEXT        NOT NULL
);
