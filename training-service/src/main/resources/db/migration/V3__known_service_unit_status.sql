-- Units can now be closed in the partner service (service-unit.updated.v1 with status INACTIVE): a closed unit hosts
-- no new classes. Units known before this release were all open, and their events carried no status.
ALTER TABLE known_service_unit ADD COLUMN status TEXT NOT NULL DEFAULT 'ACTIVE';
ALTER TABLE known_service_unit ALTER COLUMN status DROP DEFAULT;
