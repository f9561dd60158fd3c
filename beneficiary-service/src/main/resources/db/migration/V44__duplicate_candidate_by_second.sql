-- A pair is found by either of its people: the unique (first_id, second_id) serves first_id; without this, asking by
-- second_id (the person's open pairs, the erasure's scrub, a person's row deleted under the foreign key) read every pair,
-- ~950,000 of them after an import of 1,000,000 into 1,000,000.
CREATE INDEX duplicate_candidate_by_second ON duplicate_candidate (second_id);
