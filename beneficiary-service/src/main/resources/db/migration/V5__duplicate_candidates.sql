-- Likely duplicates (similar name, same birth date, same region) for review; a merged record is kept, pointing to the survivor.
ALTER TABLE beneficiary ADD COLUMN merged_into UUID REFERENCES beneficiary (id);

CREATE TABLE duplicate_candidate (
    id          UUID PRIMARY KEY,
    first_id    UUID        NOT NULL REFERENCES beneficiary (id),
    second_id   UUID        NOT NULL REFERENCES beneficiary (id),
    reason      TEXT        NOT NULL,
    status      TEXT        NOT NULL CHECK (status IN ('OPEN', 'MERGED', 'DISMISSED')),
    detected_at TIMESTAMPTZ NOT NULL,
    resolved_by TEXT,
    resolved_at TIMESTAMPTZ,
    survivor_id UUID,
    version     BIGINT      NOT NULL DEFAULT 0,
    CONSTRAINT duplicate_candidate_pair UNIQUE (first_id, second_id),
    CONSTRAINT duplicate_candidate_ordered CHECK (first_id < second_id)
);
CREATE INDEX duplicate_candidate_by_status ON duplicate_candidate (status, detected_at);
