-- A unit's network link is edited in place (since, focus, track record), so it needs a version for If-Match.
ALTER TABLE partner_link
    ADD COLUMN version    BIGINT      NOT NULL DEFAULT 0,
    ADD COLUMN updated_at TIMESTAMPTZ;
UPDATE partner_link SET updated_at = linked_at;
ALTER TABLE partner_link ALTER COLUMN updated_at SET NOT NULL;

-- An addendum may change the whole of an agreement's terms (period, scope, commitments): each keeps the terms
-- before and after it as JSON, so the history shows what every addendum changed. Addenda recorded before this
-- migration only changed the end date and added commitments, which previous_ends_on/ends_on already keep.
ALTER TABLE agreement_addendum
    ADD COLUMN terms_before TEXT,
    ADD COLUMN terms_after  TEXT;
