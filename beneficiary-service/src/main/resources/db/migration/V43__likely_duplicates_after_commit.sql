-- An import's chunk looks its people's likely duplicates up after it commits, in a transaction of its own, instead of
-- inside its own transaction under an advisory lock that made the writers take turns (issue 20: at 1,000,000 rows into
-- a registry of 1,000,000, writers waited 2,897 s there). Of two chunks written at once, the one that commits later
-- looks up after both committed, so a pair split between them is still found. Until its lookup is done a chunk keeps
-- the ids of the people it registered here; a job resumed after a crash between the commit and the lookup redoes it,
-- and the resumer redoes those of jobs that stopped otherwise (ImportService).
ALTER TABLE import_chunk ADD COLUMN lookup_pending UUID[];
CREATE INDEX import_chunk_lookup_pending ON import_chunk (job_id) WHERE lookup_pending IS NOT NULL;

-- Names are compared in the database (levenshtein_less_equal, the same edit distance as DuplicateService.distance on
-- name keys, which hold only a-z, 0-9 and spaces, at most 200 characters: under fuzzystrmatch's 255), so the pairs of
-- people born the same day in one regency (40-80 a person in the benchmark's data, 60 million for 1,000,000 rows into
-- 1,000,000) no longer travel to the service to be compared there. fuzzystrmatch is a trusted extension since
-- PostgreSQL 13: the database owner may create it, as pg_trgm (V12).
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- The lookup reads, for each person, those born the same day in the same regency: this index holds all it compares
-- (name key, id, and merged_into to leave out merged records), so it is read without the table (EXPLAIN in
-- bench/RESULTS.md: 5,000 people against 1,000,000, 200,000 pairs, 26 ms and 11,900 pages instead of 110 ms and 200,000
-- pages through beneficiary_birth_date). It replaces that index, whose queries (a birth date, a sort by it) it serves
-- as well, so an insert still updates one index for the birth date.
CREATE INDEX beneficiary_birth_region ON beneficiary (birth_date, regency_code) INCLUDE (name_key, id, merged_into);
DROP INDEX beneficiary_birth_date;
