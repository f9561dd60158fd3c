-- Which aid distributions go to which person, learned from aid's approved events, to put deliveries on the timeline.
CREATE TABLE aid_distribution (
    distribution_id UUID PRIMARY KEY,
    beneficiary_id  UUID   NOT NULL,
    amount_idr      BIGINT NOT NULL
);
