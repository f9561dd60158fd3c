-- The full person record, the case workflow's history, assessments, consent, the audit trail of unmasked
-- reads and the timeline.
ALTER TABLE beneficiary
    ADD COLUMN name_key           TEXT,
    ADD COLUMN birth_place        TEXT,
    ADD COLUMN province_code      TEXT,
    ADD COLUMN regency_code       TEXT,
    ADD COLUMN district_code      TEXT,
    ADD COLUMN village_code       TEXT,
    ADD COLUMN address_line       TEXT,
    ADD COLUMN phone              TEXT,
    ADD COLUMN welfare_id         TEXT,
    ADD COLUMN clusters           TEXT[] NOT NULL DEFAULT '{}',
    ADD COLUMN disability_types   TEXT[] NOT NULL DEFAULT '{}',
    ADD COLUMN approach           TEXT CHECK (approach IN ('FAMILY', 'COMMUNITY', 'RESIDENTIAL')),
    ADD COLUMN service_unit_id    UUID,
    ADD COLUMN partner_ids        UUID[] NOT NULL DEFAULT '{}',
    ADD COLUMN decision_number    TEXT,
    ADD COLUMN decision_date      DATE,
    ADD COLUMN termination_reason TEXT,
    ADD COLUMN updated_at         TIMESTAMPTZ;

-- rows from before: the application's normalisation also folds old spellings; lower() is its close approximation
UPDATE beneficiary SET name_key = lower(full_name), updated_at = registered_at;
ALTER TABLE beneficiary ALTER COLUMN name_key SET NOT NULL, ALTER COLUMN updated_at SET NOT NULL;

CREATE INDEX beneficiary_name_key ON beneficiary (name_key);
CREATE INDEX beneficiary_birth_date ON beneficiary (birth_date);
CREATE INDEX beneficiary_status ON beneficiary (status);
CREATE INDEX beneficiary_region ON beneficiary (province_code, regency_code, district_code, village_code);
CREATE INDEX beneficiary_service_unit ON beneficiary (service_unit_id);
CREATE INDEX beneficiary_clusters ON beneficiary USING GIN (clusters);
CREATE INDEX beneficiary_partner_ids ON beneficiary USING GIN (partner_ids);

CREATE TABLE beneficiary_status_change (
    id              UUID PRIMARY KEY,
    beneficiary_id  UUID        NOT NULL REFERENCES beneficiary (id),
    from_status     TEXT,
    to_status       TEXT        NOT NULL,
    decision_number TEXT,
    decision_date   DATE,
    reason          TEXT,
    changed_by      TEXT        NOT NULL,
    changed_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX beneficiary_status_change_by_beneficiary ON beneficiary_status_change (beneficiary_id, changed_at);

CREATE TABLE assessment (
    id             UUID PRIMARY KEY,
    beneficiary_id UUID        NOT NULL REFERENCES beneficiary (id),
    assessed_on    DATE        NOT NULL,
    assessor       TEXT        NOT NULL,
    summary        TEXT,
    recorded_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX assessment_by_beneficiary ON assessment (beneficiary_id, recorded_at);

CREATE TABLE assessment_need (
    assessment_id UUID NOT NULL REFERENCES assessment (id),
    service       TEXT NOT NULL,
    need          TEXT NOT NULL,
    PRIMARY KEY (assessment_id, service)
);

CREATE TABLE consent (
    id             UUID PRIMARY KEY,
    beneficiary_id UUID        NOT NULL REFERENCES beneficiary (id),
    purpose        TEXT        NOT NULL,
    given          BOOLEAN     NOT NULL,
    recorded_by    TEXT        NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL,
    note           TEXT
);
CREATE INDEX consent_by_beneficiary ON consent (beneficiary_id, recorded_at);

-- Every response that showed a NIK or KK number unmasked. Append-only.
CREATE TABLE personal_data_access (
    id             UUID PRIMARY KEY,
    accessed_at    TIMESTAMPTZ NOT NULL,
    accessed_by    TEXT        NOT NULL,
    roles          TEXT        NOT NULL,
    beneficiary_id UUID        NOT NULL,
    fields         TEXT        NOT NULL,
    action         TEXT        NOT NULL,
    request_id     TEXT
);
CREATE INDEX personal_data_access_by_time ON personal_data_access (accessed_at);
CREATE INDEX personal_data_access_by_beneficiary ON personal_data_access (beneficiary_id, accessed_at);
CREATE INDEX personal_data_access_by_user ON personal_data_access (accessed_by, accessed_at);

CREATE TABLE timeline_entry (
    id             UUID PRIMARY KEY,
    beneficiary_id UUID        NOT NULL,
    occurred_at    TIMESTAMPTZ NOT NULL,
    kind           TEXT        NOT NULL,
    summary        TEXT        NOT NULL,
    source         TEXT        NOT NULL,
    reference_id   TEXT,
    seq            BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX timeline_entry_by_beneficiary ON timeline_entry (beneficiary_id, occurred_at, seq);
