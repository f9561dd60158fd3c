-- An endpoint's own limit of requests in flight; NULL takes the service's default (atensi.webhook.outbound.
-- max-concurrent-per-endpoint). A receiver that can take more is given more by its owner.
ALTER TABLE endpoint ADD COLUMN max_in_flight INT CHECK (max_in_flight BETWEEN 1 AND 256);

-- A claim reads only the head of each endpoint's queue, in consumption order, and counts the endpoint's leased
-- (in-flight) deliveries: neither ranks the whole backlog.
CREATE INDEX delivery_queue ON delivery (endpoint_id, seq) WHERE status = 'PENDING';
CREATE INDEX delivery_leased ON delivery (endpoint_id) WHERE status = 'PENDING' AND lease_until IS NOT NULL;

-- Attempt ids are taken fifty at a time, so that a batch of attempts is inserted in one round trip.
ALTER SEQUENCE delivery_attempt_id_seq INCREMENT BY 50;
