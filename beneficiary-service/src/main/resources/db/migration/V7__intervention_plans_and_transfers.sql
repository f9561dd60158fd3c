-- Intervention plans (planned services with target dates) and referrals/transfers between service units.
CREATE TABLE intervention_plan_item (
    id             UUID PRIMARY KEY,
    beneficiary_id UUID        NOT NULL REFERENCES beneficiary (id),
    service        TEXT        NOT NULL,
    description    TEXT        NOT NULL,
    target_date    DATE        NOT NULL,
    planned_by     TEXT        NOT NULL,
    planned_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX intervention_plan_item_by_beneficiary ON intervention_plan_item (beneficiary_id, target_date);

CREATE TABLE unit_transfer (
    id             UUID PRIMARY KEY,
    beneficiary_id UUID        NOT NULL REFERENCES beneficiary (id),
    kind           TEXT        NOT NULL CHECK (kind IN ('REFERRAL', 'TRANSFER')),
    from_unit_id   UUID,
    to_unit_id     UUID        NOT NULL,
    note           TEXT,
    made_by        TEXT        NOT NULL,
    made_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX unit_transfer_by_beneficiary ON unit_transfer (beneficiary_id, made_at);
