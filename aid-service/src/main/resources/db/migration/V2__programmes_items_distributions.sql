-- Aid programmes with budgets split over funding sources, the item catalogue, and distributions with
-- their lines and proof of delivery (issue 8). Money is BIGINT rupiah; every total is exact.

CREATE TABLE programme (
    id              UUID PRIMARY KEY,
    name            TEXT        NOT NULL,
    kind            TEXT        NOT NULL,
    period_start    DATE        NOT NULL,
    period_end      DATE        NOT NULL,
    status          TEXT        NOT NULL,
    budget_idr      BIGINT      NOT NULL CHECK (budget_idr >= 0),
    committed_idr   BIGINT      NOT NULL DEFAULT 0 CHECK (committed_idr >= 0),
    delivered_idr   BIGINT      NOT NULL DEFAULT 0 CHECK (delivered_idr >= 0),
    version         BIGINT      NOT NULL DEFAULT 0,
    created_by      TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    closed_at       TIMESTAMPTZ,
    CHECK (period_end >= period_start),
    CHECK (committed_idr <= budget_idr),
    CHECK (delivered_idr <= committed_idr)
);

CREATE TABLE funding_source (
    id              UUID PRIMARY KEY,
    programme_id    UUID        NOT NULL REFERENCES programme (id),
    kind            TEXT        NOT NULL,
    partner_id      UUID,
    funder_name     TEXT,
    amount_idr      BIGINT      NOT NULL CHECK (amount_idr > 0),
    committed_idr   BIGINT      NOT NULL DEFAULT 0 CHECK (committed_idr >= 0),
    delivered_idr   BIGINT      NOT NULL DEFAULT 0 CHECK (delivered_idr >= 0),
    position        INT         NOT NULL,
    CHECK (committed_idr <= amount_idr),
    CHECK (delivered_idr <= committed_idr)
);
CREATE INDEX funding_source_programme ON funding_source (programme_id, position);

CREATE TABLE aid_item (
    id              UUID PRIMARY KEY,
    code            TEXT        NOT NULL,
    name            TEXT        NOT NULL,
    unit            TEXT        NOT NULL,
    category        TEXT        NOT NULL,
    amount_idr      BIGINT      NOT NULL CHECK (amount_idr > 0),
    version         BIGINT      NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX aid_item_code_unique ON aid_item (upper(code));

CREATE TABLE distribution (
    id                        UUID PRIMARY KEY,
    programme_id              UUID        NOT NULL REFERENCES programme (id),
    funding_source_id         UUID        NOT NULL REFERENCES funding_source (id),
    recipient_kind            TEXT        NOT NULL,
    recipient_id              UUID        NOT NULL,
    recipient_verified        BOOLEAN     NOT NULL,
    channelling_partner_id    UUID,
    status                    TEXT        NOT NULL,
    total_idr                 BIGINT      NOT NULL CHECK (total_idr >= 0),
    delivered_idr             BIGINT      NOT NULL DEFAULT 0 CHECK (delivered_idr >= 0),
    note                      TEXT,
    duplicate_override_reason TEXT,
    duplicate_override_by     TEXT,
    proposed_by               TEXT        NOT NULL,
    proposed_at               TIMESTAMPTZ NOT NULL,
    approved_by               TEXT,
    approved_at               TIMESTAMPTZ,
    dispatched_at             TIMESTAMPTZ,
    closed_at                 TIMESTAMPTZ,
    close_reason              TEXT,
    proof_received_by         TEXT,
    proof_received_at         TIMESTAMPTZ,
    proof_place               TEXT,
    proof_latitude            DOUBLE PRECISION,
    proof_longitude           DOUBLE PRECISION,
    proof_file_reference      TEXT,
    proof_file_sha256         TEXT,
    proof_recorded_by         TEXT,
    version                   BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX distribution_programme ON distribution (programme_id, status);
CREATE INDEX distribution_recipient ON distribution (recipient_kind, recipient_id);
CREATE INDEX distribution_partner ON distribution (channelling_partner_id);

CREATE TABLE distribution_line (
    id                 UUID    PRIMARY KEY,
    distribution_id    UUID    NOT NULL REFERENCES distribution (id),
    position           INT     NOT NULL,
    item_id            UUID    NOT NULL REFERENCES aid_item (id),
    quantity           BIGINT  NOT NULL CHECK (quantity > 0),
    unit_value_idr     BIGINT  NOT NULL CHECK (unit_value_idr > 0),
    line_total_idr     BIGINT  NOT NULL CHECK (line_total_idr > 0),
    delivered_quantity BIGINT  CHECK (delivered_quantity >= 0 AND delivered_quantity <= quantity),
    UNIQUE (distribution_id, position)
);
CREATE INDEX distribution_line_item ON distribution_line (item_id);

-- The first result of a creating call, replayed when the same caller retries with the same key.
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
