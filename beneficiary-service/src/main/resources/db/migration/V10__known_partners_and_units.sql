-- Read model of the partner service's partners and service units (from its events), to refuse deactivated ones.
CREATE TABLE known_organisation (
    id          UUID PRIMARY KEY,
    kind        TEXT        NOT NULL CHECK (kind IN ('PARTNER', 'SERVICE_UNIT')),
    name        TEXT        NOT NULL,
    status      TEXT,
    updated_at  TIMESTAMPTZ NOT NULL
);
