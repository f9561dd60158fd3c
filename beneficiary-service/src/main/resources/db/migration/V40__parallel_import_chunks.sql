-- An import's chunks are written by several workers at once (issue 20) and commit in any order, so a job's progress is
-- the set of its committed chunks, each with the span of lines it covered: a resumed job skips the rows inside them.
-- line_reached stays for jobs started before this change (everything up to it is committed).
CREATE TABLE import_chunk (
    job_id     UUID NOT NULL REFERENCES import_job (id),
    first_line INT  NOT NULL,
    last_line  INT  NOT NULL,
    PRIMARY KEY (job_id, first_line)
);

-- The run that holds a RUNNING job: set when the job starts and when a resumer takes it over. A chunk commits only while
-- its run still holds the job, so a worker that was only slow, not dead, cannot write beside the one that took over.
ALTER TABLE import_job ADD COLUMN worker UUID;
