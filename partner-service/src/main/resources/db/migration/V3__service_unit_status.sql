-- A unit can close (renovation, merger, a change of mandate) and open again. Every unit registered so far is open.
ALTER TABLE service_unit ADD COLUMN status TEXT NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'INACTIVE'));
ALTER TABLE service_unit ADD COLUMN deactivation_reason TEXT;
ALTER TABLE service_unit ADD COLUMN deactivated_at TIMESTAMPTZ;
ALTER TABLE service_unit ALTER COLUMN status DROP DEFAULT;

CREATE INDEX service_unit_status ON service_unit (status);
