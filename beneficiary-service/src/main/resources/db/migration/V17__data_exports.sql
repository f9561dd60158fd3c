-- The person's right of access (UU 27/2022): a copy of everything the platform holds on them, produced as a job across
-- the services. The document is itself personal data: erasure deletes it, and it is kept only as long as configured.
CREATE TABLE data_export (
    id             UUID PRIMARY KEY,
    beneficiary_id UUID        NOT NULL REFERENCES beneficiary (id),
    status         TEXT        NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
    parts_done     INT         NOT NULL DEFAULT 0,
    parts_total    INT         NOT NULL,
    requested_by   TEXT        NOT NULL,
    requested_at   TIMESTAMPTZ NOT NULL,
    finished_at    TIMESTAMPTZ,
    document       JSONB,
    failure        TEXT
);
CREATE INDEX data_export_by_beneficiary ON data_export (beneficiary_id, requested_at);
