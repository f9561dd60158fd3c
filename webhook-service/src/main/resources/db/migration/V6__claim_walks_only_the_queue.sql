-- The claim walks each enabled endpoint's queue from its head (delivery_queue: endpoint_id, seq) and stops at what
-- it may claim (DeliveryStore.lease). Two indexes let the planner read the whole backlog instead, and it did whenever
-- its statistics were stale, which in a large table they normally are after a burst (bench/RESULTS.md, session 11):
-- delivery_due (every due delivery, once per endpoint) and delivery_order, led by endpoint_id (every pending delivery
-- of the endpoint, read again for each delivery checked). The gauge's oldest due delivery needs no index of its own
-- (it reads the pending deliveries, as the pending count does).
DROP INDEX delivery_due;
DROP INDEX delivery_order;
-- The ordering check's one probe per delivery walked: the first pending delivery of one aggregate at one endpoint. Keyed
-- by one expression that the claim's subquery repeats, so that no other index (delivery_queue among them) can answer
-- that subquery by reading the endpoint's queue.
CREATE INDEX delivery_aggregate_queue ON delivery ((endpoint_id::text || ' ' || ordering_key), seq) WHERE status = 'PENDING';
