-- What this service knows of beneficiaries, from atensi.beneficiary.events. Owned by the beneficiary
-- service; rebuilt from the topic when needed (see the module README, "Replay").
CREATE TABLE known_beneficiary (
    beneficiary_id UUID PRIMARY KEY,
    full_name      TEXT        NOT NULL,
    status         TEXT        NOT NULL,
    registered_at  TIMESTAMPTZ NOT NULL,
    last_event_id  TEXT        NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
