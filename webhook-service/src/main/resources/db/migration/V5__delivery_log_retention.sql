-- The retention purge (atensi.webhook.retention.*) finds old finished deliveries by age, and stored events no
-- delivery refers to any more.
CREATE INDEX delivery_finished_created ON delivery (created_at) WHERE status <> 'PENDING';
CREATE INDEX delivery_event ON delivery (event_id);
