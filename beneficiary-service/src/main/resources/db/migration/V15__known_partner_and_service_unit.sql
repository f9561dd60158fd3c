-- The partner read model in the shape of the other services' (events.KnownPartner, events.KnownServiceUnit): one table
-- per kind, each row with the id of the event it was last changed by. Rows learned before keep what they knew; the event
-- that taught them is not recorded, so they name this migration until the next event about them arrives. A unit whose
-- events carried no status was open (units could not be closed before status travelled in them).
CREATE TABLE known_partner (
    partner_id    UUID PRIMARY KEY,
    legal_name    TEXT        NOT NULL,
    status        TEXT        NOT NULL,
    last_event_id TEXT        NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE known_service_unit (
    service_unit_id UUID PRIMARY KEY,
    name            TEXT        NOT NULL,
    status          TEXT        NOT NULL,
    last_event_id   TEXT        NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

INSERT INTO known_partner (partner_id, legal_name, status, last_event_id, updated_at)
SELECT id, name, coalesce(status, 'ACTIVE'), 'V15', updated_at FROM known_organisation WHERE kind = 'PARTNER';

INSERT INTO known_service_unit (service_unit_id, name, status, last_event_id, updated_at)
SELECT id, name, coalesce(status, 'ACTIVE'), 'V15', updated_at FROM known_organisation WHERE kind = 'SERVICE_UNIT';

DROP TABLE known_organisation;
