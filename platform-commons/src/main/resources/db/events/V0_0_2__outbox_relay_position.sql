-- The relay's mark (published_at) becomes a HOT update, and its search for pending rows no longer walks the entries of
-- rows it has already marked. Until now both partial indexes named published_at, so every mark wrote a new copy of
-- the whole row elsewhere plus index entries, and the pending index kept an entry for each marked row until vacuum.

-- Every transaction that writes an event holds a transaction id before it draws the event's seq, so that the relay
-- can tell when every seq drawn before a point in time has committed or gone (OutboxRelay: an unseen seq's writer is
-- among the transactions running when the relay looked). The CASE decides the order: WHEN is evaluated first.
-- ALTER TABLE waits for every transaction that writes outbox_event, so none is under way while the default changes.
DO $$
DECLARE
    next_seq BIGINT;
BEGIN
    EXECUTE format('SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM %s',
                   pg_get_serial_sequence('outbox_event', 'seq')) INTO next_seq;
    ALTER TABLE outbox_event ALTER COLUMN seq DROP IDENTITY;
    CREATE SEQUENCE outbox_event_seq OWNED BY outbox_event.seq;
    PERFORM setval('outbox_event_seq', next_seq, false);
END $$;
ALTER TABLE outbox_event ALTER COLUMN seq
    SET DEFAULT CASE WHEN pg_current_xact_id() IS NOT NULL THEN nextval('outbox_event_seq') END;

-- Where the relay resumes: every row below settled_below is published, or its seq was never committed.
CREATE TABLE outbox_relay (
    singleton     BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    settled_below BIGINT  NOT NULL
);
INSERT INTO outbox_relay (settled_below)
SELECT coalesce((SELECT min(seq) FROM outbox_event WHERE published_at IS NULL),
                (SELECT max(seq) + 1 FROM outbox_event), 1);

-- A row marked unpublished again by hand (docs/operations/restore.md) moves the relay back to it and wakes it.
CREATE FUNCTION outbox_event_unpublished() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE outbox_relay SET settled_below = NEW.seq WHERE settled_below > NEW.seq;
    PERFORM pg_notify('atensi_outbox', '');
    RETURN NULL;
END $$;
CREATE TRIGGER outbox_event_unpublished AFTER UPDATE OF published_at ON outbox_event
    FOR EACH ROW WHEN (OLD.published_at IS NOT NULL AND NEW.published_at IS NULL)
    EXECUTE FUNCTION outbox_event_unpublished();

-- No B-tree names published_at any more. Retention finds old rows through a BRIN index, which since PostgreSQL 16 does
-- not prevent HOT updates; the relay reads by seq (the primary key) from where it stands.
DROP INDEX outbox_event_pending;
DROP INDEX outbox_event_published_at;
CREATE INDEX outbox_event_published_at ON outbox_event USING brin (published_at);

-- Room on each page for the marked copy of its rows, so that the mark stays on the page (HOT) even while a long
-- transaction keeps the unmarked copies from being pruned. Applies to pages written from now on.
ALTER TABLE outbox_event SET (fillfactor = 50);
