-- seq's unique index was a second way to walk deliveries in seq order, and the planner took it for the claim's walk
-- when its statistics said every pending delivery belonged to one endpoint: it then walked every delivery of the
-- table once for each other endpoint (bench/RESULTS.md, session 11). The sequence alone keeps seq unique, nothing looks
-- a delivery up by seq, and delivery_queue is left as the only index yielding an endpoint's deliveries in seq order.
ALTER TABLE delivery DROP CONSTRAINT delivery_seq_key;
