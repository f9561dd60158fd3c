-- Photos and documents that prove a delivery, uploaded by whoever records it (issue 23). Kept in this database as
-- bytea rather than in an object store: a file is at most atensi.aid.proof-file-max-bytes (5 MB by default), a
-- distribution has a few, PostgreSQL stores such values out of line (TOAST) without slowing reads of the rows beside
-- them, and one database keeps the file and the delivery that names it in the same backup and the same erasure.
-- The checksum is computed by the service from the bytes received, never taken from the client.
CREATE TABLE proof_file (
    id              UUID PRIMARY KEY,
    distribution_id UUID        NOT NULL REFERENCES distribution (id),
    content_type    TEXT        NOT NULL,
    size_bytes      BIGINT      NOT NULL CHECK (size_bytes > 0),
    sha256          CHAR(64)    NOT NULL,
    content         BYTEA       NOT NULL,
    uploaded_by     TEXT        NOT NULL,
    uploaded_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX proof_file_distribution ON proof_file (distribution_id, uploaded_at);

-- Reports narrowed to a period (from, to) compare the day a distribution was proposed.
CREATE INDEX distribution_proposed_at ON distribution (proposed_at);
