-- Bulk imports of people from CSV, run as jobs with progress and the rejected rows.
CREATE TABLE import_job (
    id           UUID PRIMARY KEY,
    status       TEXT        NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
    total        INT         NOT NULL,
    done         INT         NOT NULL DEFAULT 0,
    registered   INT         NOT NULL DEFAULT 0,
    unchanged    INT         NOT NULL DEFAULT 0,
    rejected     INT         NOT NULL DEFAULT 0,
    partner_id   UUID,
    created_by   TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ
);

CREATE TABLE import_rejection (
    job_id UUID NOT NULL REFERENCES import_job (id),
    line   INT  NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (job_id, line)
);
