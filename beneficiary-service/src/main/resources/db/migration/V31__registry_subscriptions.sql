-- SPDCI subscriptions: another registry asks to be told when a person it may see is registered or changed. The
-- filter is the caller's expression or predicate query (never a NIK: an identifier filter is refused, so no personal
-- number is stored here). Notifications are queued per event and subscription; the record itself is not stored but
-- read again at each delivery attempt, under the consent that holds then, and audited as it leaves.
CREATE TABLE registry_subscription (
    code            UUID PRIMARY KEY,
    sender_id       TEXT        NOT NULL,
    sender_uri      TEXT        NOT NULL,
    caller_roles    TEXT        NOT NULL,
    transaction_id  TEXT        NOT NULL,
    reference_id    TEXT        NOT NULL,
    reg_event_type  TEXT        NOT NULL CHECK (reg_event_type IN ('REGISTER', 'UPDATE')),
    filter_type     TEXT        NOT NULL CHECK (filter_type IN ('expression', 'predicate')),
    filter          JSONB       NOT NULL,
    purpose         TEXT        NOT NULL,
    starts_at       TIMESTAMPTZ,
    ends_at         TIMESTAMPTZ,
    subscribed_at   TIMESTAMPTZ NOT NULL,
    unsubscribed_at TIMESTAMPTZ,
    UNIQUE (sender_id, reference_id)
);
CREATE INDEX registry_subscription_active ON registry_subscription (reg_event_type) WHERE unsubscribed_at IS NULL;

CREATE TABLE registry_notification (
    id                UUID PRIMARY KEY,
    subscription_code UUID        NOT NULL REFERENCES registry_subscription (code),
    beneficiary_id    UUID        NOT NULL,
    event_id          TEXT        NOT NULL,
    attempts          INT         NOT NULL DEFAULT 0,
    next_attempt_at   TIMESTAMPTZ,
    last_error        TEXT,
    queued_at         TIMESTAMPTZ NOT NULL,
    completed_at      TIMESTAMPTZ,
    outcome           TEXT CHECK (outcome IN ('delivered', 'withheld', 'given-up', 'unsubscribed')),
    UNIQUE (subscription_code, event_id)
);
CREATE INDEX registry_notification_due ON registry_notification (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
