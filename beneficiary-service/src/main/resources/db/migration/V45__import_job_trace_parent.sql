-- The trace of the upload that started an import, so that the events of its chunks carry it as a registration's do,
-- whichever worker (or replica, after a resume) writes them.
ALTER TABLE import_job ADD COLUMN trace_parent TEXT;
