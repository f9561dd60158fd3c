-- Issue 9 and the beneficiary event contract: what aid needs to know of a recipient (its service unit, region,
-- whether it was merged away), the households and community groups it may be given to, and the unit and region
-- each distribution belongs to, kept as they were when it was proposed.
ALTER TABLE known_beneficiary
    ADD COLUMN service_unit_id UUID,
    ADD COLUMN province_code   TEXT,
    ADD COLUMN regency_code    TEXT,
    ADD COLUMN merged_into     UUID;

CREATE TABLE known_collective (
    id                  UUID PRIMARY KEY,
    kind                TEXT        NOT NULL CHECK (kind IN ('HOUSEHOLD', 'COMMUNITY_GROUP')),
    service_unit_id     UUID,
    province_code       TEXT,
    regency_code        TEXT,
    active              BOOLEAN     NOT NULL,
    last_event_id       TEXT        NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

ALTER TABLE distribution
    ADD COLUMN service_unit_id UUID,
    ADD COLUMN province_code   TEXT,
    ADD COLUMN regency_code    TEXT;
CREATE INDEX distribution_unit ON distribution (service_unit_id);
