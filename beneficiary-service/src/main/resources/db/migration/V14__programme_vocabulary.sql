-- The programme's one vocabulary (platform-vocabulary, docs/vocabulary.md) renames three clusters and two of the seven
-- services. Every column that holds them is rewritten; none has a CHECK constraint on them, and no published event
-- (outbox_event.payload) carries them. Only rows holding an old value are touched: the GIN index on clusters finds
-- them without reading the whole registry.
CREATE OR REPLACE FUNCTION pg_temp.vocabulary(value TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE
    RETURN CASE value
        WHEN 'DISABILITY' THEN 'PERSONS_WITH_DISABILITIES'
        WHEN 'SUBSTANCE_ABUSE_VICTIM' THEN 'SUBSTANCE_ABUSE_VICTIMS'
        WHEN 'TRAFFICKING_VICTIM' THEN 'TRAFFICKING_VICTIMS'
        WHEN 'VOCATIONAL_AND_ENTREPRENEURSHIP' THEN 'VOCATIONAL_TRAINING_AND_ENTREPRENEURSHIP'
        WHEN 'SOCIAL_AID' THEN 'SOCIAL_AID_AND_ASSISTANCE'
        ELSE value
    END;

-- Sorted as the service writes them (Java's String order, which is the C collation's).
UPDATE beneficiary
   SET clusters = ARRAY(SELECT pg_temp.vocabulary(c) FROM unnest(clusters) AS c ORDER BY pg_temp.vocabulary(c) COLLATE "C")
 WHERE clusters && ARRAY['DISABILITY', 'SUBSTANCE_ABUSE_VICTIM', 'TRAFFICKING_VICTIM'];

UPDATE assessment_need SET service = pg_temp.vocabulary(service)
 WHERE service IN ('VOCATIONAL_AND_ENTREPRENEURSHIP', 'SOCIAL_AID');

UPDATE intervention_plan_item SET service = pg_temp.vocabulary(service)
 WHERE service IN ('VOCATIONAL_AND_ENTREPRENEURSHIP', 'SOCIAL_AID');

-- An assessment's timeline entry lists its services ("assessed: needs [SOCIAL_AID, THERAPY]"); \m and \M are word
-- boundaries, and _ is a word character, so SOCIAL_AID_AND_ASSISTANCE is not matched again.
UPDATE timeline_entry
   SET summary = regexp_replace(regexp_replace(summary,
           '\mVOCATIONAL_AND_ENTREPRENEURSHIP\M', 'VOCATIONAL_TRAINING_AND_ENTREPRENEURSHIP', 'g'),
           '\mSOCIAL_AID\M', 'SOCIAL_AID_AND_ASSISTANCE', 'g')
 WHERE source = 'beneficiary' AND kind = 'assessed'
   AND summary ~ '\m(VOCATIONAL_AND_ENTREPRENEURSHIP|SOCIAL_AID)\M';

-- An import's rejected row named the clusters it accepts; it names the current ones, so that a retry uses them.
UPDATE import_rejection
   SET reason = replace(reason,
           '[CHILDREN, DISABILITY, ELDERLY, SUBSTANCE_ABUSE_VICTIM, SOCIAL_EXCLUSION, TRAFFICKING_VICTIM, DISASTER_AFFECTED]',
           '[CHILDREN, PERSONS_WITH_DISABILITIES, ELDERLY, SUBSTANCE_ABUSE_VICTIMS, SOCIAL_EXCLUSION, TRAFFICKING_VICTIMS, DISASTER_AFFECTED]')
 WHERE reason LIKE '%[CHILDREN, DISABILITY, ELDERLY, %';
