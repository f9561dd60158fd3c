-- A name search counts its matches exactly (the page's total) and sorts them. For a name that 5% of a million people
-- share ("rahmat": 50,328 matches) the trigram index on beneficiary finds them, but checking each match read its row
-- from the ~350 MB table: 30,000 pages, more than PostgreSQL's 128 MB of shared buffers hold, so every search read
-- them again (325 ms for the first page on a quiet machine). This table keeps, for every person a list shows (not
-- merged), only what a search by name within a unit needs: 65-80 MB for a million people, which stays in memory, so
-- such a search counts and sorts its matches here (130-270 ms instead of 780-1,600 ms at load 17) and reads the
-- table for the page's 20 people only. A covering btree on (name_key, id), read without the table, was no faster
-- (240-620 ms): it checks all million names.
CREATE TABLE beneficiary_name_search (
    id              UUID PRIMARY KEY REFERENCES beneficiary (id) ON DELETE CASCADE,
    name_key        TEXT NOT NULL,
    service_unit_id UUID
);

INSERT INTO beneficiary_name_search (id, name_key, service_unit_id)
SELECT id, name_key, service_unit_id FROM beneficiary WHERE merged_into IS NULL;

CREATE INDEX beneficiary_name_search_trgm ON beneficiary_name_search USING gin (name_key gin_trgm_ops);

-- Kept by the database itself, so that every way a person is written (the entity, an import's INSERT ... SELECT, a
-- COPY, an erasure's pseudonym, a merge, a transfer) keeps it. Inserts once per statement: an import chunk of 5,000
-- people is one INSERT here, not 5,000.
CREATE FUNCTION beneficiary_name_search_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO beneficiary_name_search (id, name_key, service_unit_id)
    SELECT id, name_key, service_unit_id FROM inserted WHERE merged_into IS NULL;
    RETURN NULL;
END
$$;

CREATE TRIGGER beneficiary_name_search_inserted AFTER INSERT ON beneficiary
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION beneficiary_name_search_inserted();

CREATE FUNCTION beneficiary_name_search_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.merged_into IS NOT NULL THEN
        DELETE FROM beneficiary_name_search WHERE id = NEW.id;
    ELSE
        INSERT INTO beneficiary_name_search (id, name_key, service_unit_id) VALUES (NEW.id, NEW.name_key, NEW.service_unit_id)
        ON CONFLICT (id) DO UPDATE SET name_key = EXCLUDED.name_key, service_unit_id = EXCLUDED.service_unit_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER beneficiary_name_search_updated AFTER UPDATE OF name_key, merged_into, service_unit_id ON beneficiary
    FOR EACH ROW WHEN (OLD.name_key IS DISTINCT FROM NEW.name_key OR OLD.merged_into IS DISTINCT FROM NEW.merged_into
        OR OLD.service_unit_id IS DISTINCT FROM NEW.service_unit_id)
    EXECUTE FUNCTION beneficiary_name_search_updated();
