-- Imports streamed from a file spooled to disk, registered a chunk to a transaction (issue 20). A chunk's commit
-- moves line_reached, so a job taken over after a crash continues after the last committed chunk; the worker's
-- heartbeat says whether a RUNNING job still has a worker.
ALTER TABLE import_job
    ADD COLUMN format        TEXT NOT NULL DEFAULT 'CSV' CHECK (format IN ('CSV', 'XLSX', 'JSONL')),
    ADD COLUMN file_sha256   TEXT,
    ADD COLUMN spool_file    TEXT,
    ADD COLUMN header        TEXT[],
    ADD COLUMN chunks        INT  NOT NULL DEFAULT 0,
    ADD COLUMN line_reached  INT  NOT NULL DEFAULT 0,
    ADD COLUMN progressed_at TIMESTAMPTZ,
    ADD COLUMN heartbeat_at  TIMESTAMPTZ,
    ADD COLUMN failure       TEXT;

CREATE INDEX import_job_running ON import_job (heartbeat_at) WHERE status = 'RUNNING';

-- The field(s) a rejected row failed on, apart from the reason.
ALTER TABLE import_rejection ADD COLUMN field TEXT;

-- The import that registered a person: a NIK registered earlier in the same file is that file's duplicate, not an
-- unchanged row. No index: it is read only through the NIK hash's.
ALTER TABLE beneficiary ADD COLUMN import_job_id UUID;
