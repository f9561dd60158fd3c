-- Consent decides (UU 27/2022): purposes become the closed vocabulary ConsentPurpose, each record names its evidence,
-- and the purposes that hold now are kept per person for the read paths to filter on. Erasure keeps its own record.

ALTER TABLE consent
    ADD COLUMN legacy_purpose    TEXT,
    ADD COLUMN evidence_reference TEXT,
    ADD COLUMN evidence_sha256    TEXT;

-- Free-text purposes recorded before the vocabulary existed: those naming a purpose recognisably are mapped; the rest
-- keep their text in legacy_purpose and decide nothing, as they decided nothing when recorded.
UPDATE consent SET legacy_purpose = purpose;
UPDATE consent SET purpose = CASE
        WHEN lower(legacy_purpose) LIKE '%partner%' THEN 'PARTNER_SHARING'
        WHEN lower(legacy_purpose) LIKE '%registr%' THEN 'REGISTRY_EXCHANGE'
        WHEN lower(legacy_purpose) LIKE '%statist%' OR lower(legacy_purpose) LIKE '%research%' THEN 'STATISTICS_AND_RESEARCH'
        WHEN lower(legacy_purpose) LIKE '%contact%' OR lower(legacy_purpose) LIKE '%follow%' THEN 'FOLLOW_UP_CONTACT'
        WHEN lower(legacy_purpose) LIKE '%service%' THEN 'SERVICE_DELIVERY'
    END;
UPDATE consent SET legacy_purpose = NULL WHERE purpose IS NOT NULL;
ALTER TABLE consent ALTER COLUMN purpose DROP NOT NULL;
ALTER TABLE consent ADD CONSTRAINT consent_purpose_known CHECK (purpose IN
    ('SERVICE_DELIVERY', 'PARTNER_SHARING', 'REGISTRY_EXCHANGE', 'STATISTICS_AND_RESEARCH', 'FOLLOW_UP_CONTACT'));
ALTER TABLE consent ADD CONSTRAINT consent_purpose_or_legacy CHECK (purpose IS NOT NULL OR legacy_purpose IS NOT NULL);

-- The latest record per person and purpose: one row each, replaced by every new record.
CREATE TABLE consent_state (
    beneficiary_id UUID        NOT NULL REFERENCES beneficiary (id),
    purpose        TEXT        NOT NULL,
    given          BOOLEAN     NOT NULL,
    consent_id     UUID        NOT NULL REFERENCES consent (id),
    recorded_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (beneficiary_id, purpose)
);
CREATE INDEX consent_state_given ON consent_state (purpose, beneficiary_id) WHERE given;

INSERT INTO consent_state (beneficiary_id, purpose, given, consent_id, recorded_at)
SELECT DISTINCT ON (beneficiary_id, purpose) beneficiary_id, purpose, given, id, recorded_at
FROM consent
WHERE purpose IS NOT NULL
ORDER BY beneficiary_id, purpose, recorded_at DESC, id DESC;

ALTER TABLE beneficiary ADD COLUMN erased_at TIMESTAMPTZ;

-- What was erased, when, why and on whose word; the pseudonym is what stays in the person's place.
CREATE TABLE erasure (
    beneficiary_id    UUID PRIMARY KEY REFERENCES beneficiary (id),
    pseudonym         TEXT        NOT NULL,
    reason            TEXT        NOT NULL CHECK (reason IN ('REQUEST', 'RETENTION')),
    request_reference TEXT,
    erased_by         TEXT        NOT NULL,
    erased_at         TIMESTAMPTZ NOT NULL
);

-- An erased person keeps no personal number: not even its keyed hash, which would still single the person out.
ALTER TABLE beneficiary
    ALTER COLUMN nik_hash DROP NOT NULL,
    ALTER COLUMN nik_cipher DROP NOT NULL,
    ALTER COLUMN nik_key_id DROP NOT NULL;
ALTER TABLE beneficiary ADD CONSTRAINT beneficiary_nik_unless_erased
    CHECK (erased_at IS NOT NULL OR (nik_hash IS NOT NULL AND nik_cipher IS NOT NULL AND nik_key_id IS NOT NULL));
