-- A transaction that rewrites pending outbox rows (beneficiary-service's erasure scrubs the person's name from them)
-- must not commit while the relay holds a copy of those rows that it read before: the relay would send that copy after
-- the rewrite committed. The relay holds this lock exclusively from before its read until its mark has committed
-- (OutboxRelay); a rewriting transaction takes it shared, before it touches the rows, until it commits. Rewrites run
-- side by side; the relay waits for those under way, and they wait at most for one batch in flight.
-- 0x41544e534A, next to the relay's lease (0x41544e5349, a session lock the relay holds for as long as it publishes).
CREATE FUNCTION outbox_relay_lock_key() RETURNS bigint IMMUTABLE LANGUAGE sql AS 'SELECT 280587293514';

-- Takes the lock shared for the rest of the transaction, waiting at most `wait`; past it the call fails with SQLSTATE
-- 55P03 (lock_not_available), for instance while the relay waits for a Kafka that does not answer. The function's
-- own SET keeps the bound from reaching the caller's later statements.
CREATE FUNCTION outbox_hold_relay(wait interval) RETURNS void LANGUAGE plpgsql SET lock_timeout = 0 AS $$
BEGIN
    PERFORM set_config('lock_timeout', greatest(1, ceil(extract(epoch FROM wait) * 1000))::bigint || 'ms', true);
    PERFORM pg_advisory_xact_lock_shared(outbox_relay_lock_key());
END $$;
