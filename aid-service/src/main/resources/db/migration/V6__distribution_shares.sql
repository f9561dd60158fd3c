-- Issue 15 (co-funded aid): a distribution draws on one or more funding sources of its programme, each share with
-- its amount. EXPLICIT: the proposal named the sources and amounts (a single fundingSourceId is one share of the whole
-- total); POOL: the shares are drawn from the programme's sources in their order (position) on approval. A share's
-- delivered_idr is what its source paid for once the distribution was delivered.
CREATE TABLE distribution_share (
    id                UUID    PRIMARY KEY,
    distribution_id   UUID    NOT NULL REFERENCES distribution (id),
    position          INT     NOT NULL CHECK (position >= 0),
    funding_source_id UUID    NOT NULL REFERENCES funding_source (id),
    amount_idr        BIGINT  NOT NULL CHECK (amount_idr > 0),
    delivered_idr     BIGINT  NOT NULL DEFAULT 0 CHECK (delivered_idr >= 0 AND delivered_idr <= amount_idr),
    UNIQUE (distribution_id, position),
    UNIQUE (distribution_id, funding_source_id)
);
CREATE INDEX distribution_share_source ON distribution_share (funding_source_id);

ALTER TABLE distribution ADD COLUMN funding_mode TEXT NOT NULL DEFAULT 'EXPLICIT' CHECK (funding_mode IN ('EXPLICIT', 'POOL'));
ALTER TABLE distribution ALTER COLUMN funding_mode DROP DEFAULT;

-- Every earlier distribution drew its whole total on its one source; a delivered one paid its delivered amount.
INSERT INTO distribution_share (id, distribution_id, position, funding_source_id, amount_idr, delivered_idr)
SELECT gen_random_uuid(), id, 0, funding_source_id, total_idr,
       CASE WHEN status IN ('DELIVERED', 'PARTIALLY_DELIVERED') THEN delivered_idr ELSE 0 END
FROM distribution WHERE total_idr > 0;

-- The shares replace it: keeping it would keep a second, diverging answer to "who pays".
ALTER TABLE distribution DROP COLUMN funding_source_id;
