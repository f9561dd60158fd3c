-- What this service knows of partners, from atensi.partner.events: whether a channelling partner exists
-- and is active, and its region for the totals. Owned by the partner service; rebuilt by replay.
CREATE TABLE known_partner (
    partner_id     UUID PRIMARY KEY,
    type           TEXT        NOT NULL,
    legal_name     TEXT        NOT NULL,
    status         TEXT        NOT NULL,
    province_code  TEXT,
    regency_code   TEXT,
    last_event_id  TEXT        NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

ALTER TABLE distribution ADD COLUMN channelling_partner_verified BOOLEAN NOT NULL DEFAULT false;
