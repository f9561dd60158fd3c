-- The platform's shared idempotency keys (platform-commons IdempotencyKeys/Creations) replace this service's own table.
-- Stored answers of the old table are dropped: a retry older than this release creates again, once.
DROP TABLE idempotency_record;

CREATE TABLE idempotency_key (
    caller        TEXT        NOT NULL,
    key           TEXT        NOT NULL,
    operation     TEXT        NOT NULL,
    request_hash  TEXT        NOT NULL,
    resource_id   UUID,
    response_body TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, key)
);

-- What this service knows of partner organisations and service units, from atensi.partner.events (owned by the
-- partner service): a class may name only known units as its host and known, active partners as its providers.
CREATE TABLE known_partner (
    partner_id    UUID PRIMARY KEY,
    legal_name    TEXT        NOT NULL,
    status        TEXT        NOT NULL,
    last_event_id TEXT        NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE known_service_unit (
    service_unit_id UUID PRIMARY KEY,
    name            TEXT        NOT NULL,
    last_event_id   TEXT        NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

-- A beneficiary merged into another keeps its row, pointing to the survivor: enrolments name the survivor instead.
ALTER TABLE known_beneficiary ADD COLUMN merged_into UUID;
