CREATE TABLE programme (
    id          UUID PRIMARY KEY,
    title       TEXT        NOT NULL,
    description TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    version     BIGINT      NOT NULL DEFAULT 0
);

CREATE TABLE programme_skill_area (
    programme_id UUID NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
    skill_area   TEXT NOT NULL,
    PRIMARY KEY (programme_id, skill_area)
);

CREATE TABLE training_class (
    id            UUID PRIMARY KEY,
    programme_id  UUID        NOT NULL REFERENCES programme (id),
    title         TEXT        NOT NULL,
    host_unit_id  UUID        NOT NULL,
    modality      TEXT        NOT NULL CHECK (modality IN ('ON_SITE', 'VIRTUAL', 'HYBRID')),
    meeting_link  TEXT,
    place         TEXT,
    start_date    DATE        NOT NULL,
    end_date      DATE        NOT NULL,
    capacity      INTEGER     NOT NULL CHECK (capacity > 0),
    status        TEXT        NOT NULL CHECK (status IN ('PLANNED', 'OPEN', 'RUNNING', 'COMPLETED', 'CANCELLED')),
    cancel_reason TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    closed_at     TIMESTAMPTZ,
    version       BIGINT      NOT NULL DEFAULT 0,
    CHECK (end_date >= start_date)
);

CREATE INDEX training_class_programme ON training_class (programme_id);

CREATE TABLE class_skill_area (
    class_id   UUID NOT NULL REFERENCES training_class (id) ON DELETE CASCADE,
    skill_area TEXT NOT NULL,
    PRIMARY KEY (class_id, skill_area)
);

-- Which partners run a class: the object-level access of partner tokens is decided here.
CREATE TABLE class_provider (
    class_id   UUID NOT NULL REFERENCES training_class (id) ON DELETE CASCADE,
    partner_id UUID NOT NULL,
    PRIMARY KEY (class_id, partner_id)
);

CREATE INDEX class_provider_partner ON class_provider (partner_id);

CREATE TABLE class_audience (
    class_id UUID NOT NULL REFERENCES training_class (id) ON DELETE CASCADE,
    audience TEXT NOT NULL,
    PRIMARY KEY (class_id, audience)
);

CREATE TABLE class_session (
    id           UUID PRIMARY KEY,
    class_id     UUID NOT NULL REFERENCES training_class (id) ON DELETE CASCADE,
    session_date DATE NOT NULL,
    start_time   TIME NOT NULL,
    end_time     TIME NOT NULL,
    topic        TEXT NOT NULL,
    CHECK (end_time > start_time)
);

CREATE INDEX class_session_class ON class_session (class_id, session_date, start_time);

CREATE TABLE enrolment (
    id                 UUID PRIMARY KEY,
    -- Arrival order: the waitlist is promoted first come, first served.
    seq                BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    class_id           UUID        NOT NULL REFERENCES training_class (id),
    person_key         TEXT        NOT NULL,
    beneficiary_id     UUID,
    full_name          TEXT        NOT NULL,
    organisation       TEXT,
    companion_role     TEXT,
    audience           TEXT        NOT NULL,
    status             TEXT        NOT NULL CHECK (status IN ('ENROLLED', 'WAITLISTED', 'WITHDRAWN', 'COMPLETED', 'NOT_COMPLETED')),
    enrolled_at        TIMESTAMPTZ NOT NULL,
    withdrawn_at       TIMESTAMPTZ,
    sessions_attended  INTEGER,
    certificate_number TEXT UNIQUE,
    version            BIGINT      NOT NULL DEFAULT 0
);

-- The same person holds at most one live place (or waitlist entry) in a class; after withdrawing they may come back.
CREATE UNIQUE INDEX enrolment_one_live_place ON enrolment (class_id, person_key) WHERE status <> 'WITHDRAWN';
CREATE INDEX enrolment_class_status ON enrolment (class_id, status, seq);

CREATE TABLE attendance (
    session_id   UUID        NOT NULL REFERENCES class_session (id) ON DELETE CASCADE,
    enrolment_id UUID        NOT NULL REFERENCES enrolment (id),
    status       TEXT        NOT NULL CHECK (status IN ('PRESENT', 'ABSENT', 'EXCUSED')),
    mode         TEXT CHECK (mode IN ('ON_SITE', 'ONLINE')),
    recorded_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (session_id, enrolment_id)
);

CREATE INDEX attendance_enrolment ON attendance (enrolment_id);

CREATE TABLE outcome (
    id           UUID PRIMARY KEY,
    enrolment_id UUID        NOT NULL REFERENCES enrolment (id),
    kind         TEXT        NOT NULL,
    income_band  TEXT,
    observed_on  DATE        NOT NULL,
    note         TEXT,
    recorded_at  TIMESTAMPTZ NOT NULL
);

CREATE INDEX outcome_enrolment ON outcome (enrolment_id, observed_on);

-- First answers to creating calls, by Idempotency-Key: a retry gets the same answer instead of a second enrolment.
CREATE TABLE idempotency_record (
    scope         TEXT        NOT NULL,
    idem_key      TEXT        NOT NULL,
    request_hash  TEXT        NOT NULL,
    status        INTEGER,
    location      TEXT,
    body          TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, idem_key)
);

-- What this service knows of beneficiaries, from atensi.beneficiary.events (owned by the beneficiary service).
CREATE TABLE known_beneficiary (
    beneficiary_id UUID PRIMARY KEY,
    full_name      TEXT        NOT NULL,
    status         TEXT        NOT NULL,
    registered_at  TIMESTAMPTZ NOT NULL,
    last_event_id  TEXT        NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
