-- The SPDCI registry API's asynchronous transactions: a search taken with ACK and answered by a callback to the
-- caller's sender_uri, retried until delivered or given up. The request holds NIKs, so it is kept encrypted (as the
-- beneficiary's personal numbers are) and only until it is answered; the answer itself is never stored, it is made
-- again at each delivery attempt, under the consent that holds then, and audited each time it leaves.
CREATE TABLE registry_transaction (
    correlation_id     UUID PRIMARY KEY,
    sender_id          TEXT        NOT NULL,
    message_id         TEXT        NOT NULL,
    transaction_id     TEXT        NOT NULL,
    txn_type           TEXT        NOT NULL,
    sender_uri         TEXT        NOT NULL,
    caller_roles       TEXT        NOT NULL,
    request_cipher     TEXT,
    request_key_id     TEXT,
    status             TEXT        NOT NULL CHECK (status IN ('rcvd', 'pdng', 'succ', 'rjct')),
    reference_statuses JSONB       NOT NULL,
    attempts           INT         NOT NULL DEFAULT 0,
    next_attempt_at    TIMESTAMPTZ,
    last_error         TEXT,
    received_at        TIMESTAMPTZ NOT NULL,
    completed_at       TIMESTAMPTZ,
    version            BIGINT      NOT NULL DEFAULT 0,
    UNIQUE (sender_id, message_id)
);
CREATE INDEX registry_transaction_due ON registry_transaction (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX registry_transaction_by_transaction_id ON registry_transaction (sender_id, transaction_id);
