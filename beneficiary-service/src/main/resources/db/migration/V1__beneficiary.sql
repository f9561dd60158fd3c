CREATE TABLE beneficiary (
    id            UUID PRIMARY KEY,
    full_name     TEXT        NOT NULL,
    nik           CHAR(16)    NOT NULL,
    birth_date    DATE        NOT NULL,
    sex           TEXT        NOT NULL CHECK (sex IN ('MALE', 'FEMALE')),
    status        TEXT        NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL,
    version       BIGINT      NOT NULL DEFAULT 0,
    CONSTRAINT beneficiary_nik_unique UNIQUE (nik)
);
