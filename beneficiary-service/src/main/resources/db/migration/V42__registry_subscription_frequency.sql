-- SPDCI's subscription frequency: a cron expression (Quartz's form, read in the programme's time zone) naming the times
-- at which a subscription's notices go out together. Without one, notices go as events happen. The notice's
-- next_attempt_at already holds when it is due, so the times themselves are reckoned when a notice is queued.
ALTER TABLE registry_subscription ADD COLUMN frequency TEXT;
