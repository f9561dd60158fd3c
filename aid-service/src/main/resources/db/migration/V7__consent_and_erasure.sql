-- Which purposes each beneficiary has consented to, from atensi.beneficiary.consent-changed.v1: the latest event per
-- person and purpose counts, and a purpose without a row is not given. A partner sees the personal details of a
-- person's distribution only while PARTNER_SHARING is given. No foreign key to known_beneficiary: the row is the
-- beneficiary service's word, whatever this service knows of the person.
CREATE TABLE known_consent (
    beneficiary_id UUID        NOT NULL,
    purpose        TEXT        NOT NULL,
    given          BOOLEAN     NOT NULL,
    consent_id     UUID,
    changed_at     TIMESTAMPTZ NOT NULL,
    last_event_id  TEXT        NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (beneficiary_id, purpose)
);

-- Erasures carried out here (atensi.beneficiary.erased.v1), the audit of each and the tombstone that keeps a name from
-- coming back: a later event, or a replay of the topic, finds the row and stores the pseudonym instead. Not a read
-- model, so a replay does not clear it. It holds no name: the pseudonym is the beneficiary service's.
CREATE TABLE personal_data_erasure (
    beneficiary_id UUID PRIMARY KEY,
    pseudonym      TEXT        NOT NULL,
    reason         TEXT        NOT NULL,
    erased_at      TIMESTAMPTZ NOT NULL,
    event_id       TEXT        NOT NULL,
    applied_at     TIMESTAMPTZ NOT NULL,
    distributions  INTEGER     NOT NULL,
    stored_answers INTEGER     NOT NULL
);
