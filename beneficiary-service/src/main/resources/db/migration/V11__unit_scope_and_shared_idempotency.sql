-- The shared idempotency keys (platform-commons) keep the first answer's body; this service stores none (its bodies
-- hold NIKs), but the column is part of the shared table.
ALTER TABLE idempotency_key ADD COLUMN response_body TEXT;

-- Officers work in one service unit: households, community groups and imports belong to one too. Existing households
-- take their head's unit, groups their coordinator's.
ALTER TABLE household
    ADD COLUMN service_unit_id UUID,
    ADD COLUMN active          BOOLEAN NOT NULL DEFAULT TRUE;
UPDATE household h SET service_unit_id = b.service_unit_id
  FROM household_member m JOIN beneficiary b ON b.id = m.beneficiary_id
 WHERE m.household_id = h.id AND m.relationship = 'HEAD';
CREATE INDEX household_service_unit ON household (service_unit_id);

ALTER TABLE community_group
    ADD COLUMN service_unit_id UUID,
    ADD COLUMN active          BOOLEAN NOT NULL DEFAULT TRUE;
UPDATE community_group g SET service_unit_id = b.service_unit_id FROM beneficiary b WHERE b.id = g.coordinator_id;
CREATE INDEX community_group_service_unit ON community_group (service_unit_id);

ALTER TABLE import_job ADD COLUMN service_unit_id UUID;

-- Aid to a household or community group reaches each member's timeline: the distribution keeps its recipient, and
-- members are looked up when each of its events arrives.
ALTER TABLE aid_distribution
    ADD COLUMN recipient_kind TEXT NOT NULL DEFAULT 'PERSON' CHECK (recipient_kind IN ('PERSON', 'HOUSEHOLD', 'COMMUNITY_GROUP')),
    ADD COLUMN recipient_id   UUID;
UPDATE aid_distribution SET recipient_id = beneficiary_id;
ALTER TABLE aid_distribution ALTER COLUMN recipient_id SET NOT NULL, DROP COLUMN beneficiary_id;
