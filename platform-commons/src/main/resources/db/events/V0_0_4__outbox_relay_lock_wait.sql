-- The relay waits for the rewrite lock (V0_0_3) at most `wait`, where pg_advisory_lock waited without end: a rewriting
-- transaction stalled while it holds the lock shared (an erasure behind another transaction's row lock, say) would
-- otherwise stop this service's publishing and pin the relay's thread and connection for as long as it lasts. Returns
-- whether the lock was taken (held for the session, as before, until the relay releases it); false when the wait ran
-- out, and the relay then skips its round and counts it. While the relay waits, new rewrites queue behind it (they wait
-- their own bound); when it gives up they go on.
CREATE FUNCTION outbox_relay_try_lock(wait interval) RETURNS boolean LANGUAGE plpgsql SET lock_timeout = 0 AS $$
BEGIN
    PERFORM set_config('lock_timeout', greatest(1, ceil(extract(epoch FROM wait) * 1000))::bigint || 'ms', true);
    PERFORM pg_advisory_lock(outbox_relay_lock_key());
    RETURN true;
EXCEPTION WHEN lock_not_available THEN
    RETURN false;
END $$;
