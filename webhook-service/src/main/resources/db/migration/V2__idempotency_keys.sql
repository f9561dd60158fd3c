-- platform-commons' idempotency keys (its hourly pruning expects the table in every service's database). Endpoint
-- registration does not take Idempotency-Key yet: its answer holds the secret, which this table would keep.
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
