-- The programme's one vocabulary (platform-vocabulary, docs/vocabulary.md) has no SOCIAL_EXCLUSION_AND_TRAFFICKING_VICTIMS:
-- the ministry's TS-KPO is named by its parts, so a partner, unit or agreement that served the old cluster now serves
-- both SOCIAL_EXCLUSION and TRAFFICKING_VICTIMS. The other clusters and the seven services keep their names, and no
-- CHECK constraint names a cluster. Events already in the outbox keep the old value: they are v1 events, whose schema
-- has it; from now on the service publishes v2.
INSERT INTO partner_cluster (partner_id, cluster)
SELECT c.partner_id, s.cluster FROM partner_cluster c CROSS JOIN (VALUES ('SOCIAL_EXCLUSION'), ('TRAFFICKING_VICTIMS')) AS s (cluster)
 WHERE c.cluster = 'SOCIAL_EXCLUSION_AND_TRAFFICKING_VICTIMS'
ON CONFLICT DO NOTHING;
DELETE FROM partner_cluster WHERE cluster = 'SOCIAL_EXCLUSION_AND_TRAFFICKING_VICTIMS';

INSERT INTO service_unit_cluster (service_unit_id, cluster)
SELECT c.service_unit_id, s.cluster FROM service_unit_cluster c CROSS JOIN (VALUES ('SOCIAL_EXCLUSION'), ('TRAFFICKING_VICTIMS')) AS s (cluster)
 WHERE c.cluster = 'SOCIAL_EXCLUSION_AND_TRAFFICKING_VICTIMS'
ON CONFLICT DO NOTHING;
DELETE FROM service_unit_cluster WHERE cluster = 'SOCIAL_EXCLUSION_AND_TRAFFICKING_VICTIMS';

INSERT INTO agreement_cluster (agreement_id, cluster)
SELECT c.agreement_id, s.cluster FROM agreement_cluster c CROSS JOIN (VALUES ('SOCIAL_EXCLUSION'), ('TRAFFICKING_VICTIMS')) AS s (cluster)
 WHERE c.cluster = 'SOCIAL_EXCLUSION_AND_TRAFFICKING_VICTIMS'
ON CONFLICT DO NOTHING;
DELETE FROM agreement_cluster WHERE cluster = 'SOCIAL_EXCLUSION_AND_TRAFFICKING_VICTIMS';

-- JSON kept as text: an array of clusters at a path loses the old value and gains its two parts. No stored array holds
-- a new value yet (the old vocabulary had none), so none is doubled; readers sort the sets themselves.
CREATE OR REPLACE FUNCTION pg_temp.split_clusters(document TEXT, path TEXT[]) RETURNS TEXT LANGUAGE sql IMMUTABLE
    RETURN CASE
        WHEN COALESCE((document::jsonb #> path) @> '["SOCIAL_EXCLUSION_AND_TRAFFICKING_VICTIMS"]', false)
        THEN jsonb_set(document::jsonb, path,
                 ((document::jsonb #> path) - 'SOCIAL_EXCLUSION_AND_TRAFFICKING_VICTIMS') || '["SOCIAL_EXCLUSION", "TRAFFICKING_VICTIMS"]')::text
        ELSE document
    END;

-- Each addendum's terms before and after it (AgreementTerms: clusters at the top).
UPDATE agreement_addendum
   SET terms_before = pg_temp.split_clusters(terms_before, '{clusters}'),
       terms_after  = pg_temp.split_clusters(terms_after, '{clusters}')
 WHERE terms_before LIKE '%SOCIAL_EXCLUSION_AND_TRAFFICKING_VICTIMS%' OR terms_after LIKE '%SOCIAL_EXCLUSION_AND_TRAFFICKING_VICTIMS%';

-- The first answer of a creating call, replayed on a retry with the same Idempotency-Key: it answers what a read would.
UPDATE idempotency_key SET response_body = pg_temp.split_clusters(response_body, '{clusters}')
 WHERE operation IN ('register-partner', 'register-service-unit') AND response_body LIKE '%SOCIAL_EXCLUSION_AND_TRAFFICKING_VICTIMS%';
UPDATE idempotency_key SET response_body = pg_temp.split_clusters(response_body, '{scope,clusters}')
 WHERE operation = 'draft-agreement' AND response_body LIKE '%SOCIAL_EXCLUSION_AND_TRAFFICKING_VICTIMS%';
