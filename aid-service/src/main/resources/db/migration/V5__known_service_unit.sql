-- What this service knows of service units, from atensi.partner.events (owned by the partner service): a unit the
-- partner service closed takes no new distributions. Rebuilt by replay.
CREATE TABLE known_service_unit (
    service_unit_id UUID PRIMARY KEY,
    name            TEXT        NOT NULL,
    status          TEXT        NOT NULL,
    last_event_id   TEXT        NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
