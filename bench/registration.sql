-- The statements beneficiary-service issues for one registration (POST /api/v1/beneficiaries by an admin, no
-- Idempotency-Key), in its one transaction, with values of the same width: the NIK-hash lookup, the person, the
-- event and its NOTIFY, the likely-duplicate lookup (same birth date and regency), the timeline entry, and the audit
-- row of the unmasked answer. Not here: what the service does later for the event (the relay marks it published,
-- consumers of its own events write their inbox rows), in transactions of many events each.
\set day random(0, 24999)
\set probe random(1, 1000000000)
BEGIN;
SELECT id, full_name, nik_hash FROM beneficiary WHERE nik_hash = md5(:probe::text) || md5(:probe::text) LIMIT 1;
INSERT INTO beneficiary (id, full_name, name_key, nik_hash, nik_cipher, nik_key_id, birth_date, sex, province_code, regency_code,
    clusters, disability_types, partner_ids, status, registered_at, updated_at, version)
VALUES (gen_random_uuid(), 'Pgbench Orang Coba', 'pgbench orang coba', md5(random()::text || clock_timestamp()::text) || md5(random()::text),
    'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'bench', date '1940-01-01' + :day, 'FEMALE', '32', '32.01',
    '{ELDERLY}', '{}', '{}', 'REGISTERED', now(), now(), 0)
RETURNING quote_literal(id::text) AS person \gset
INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, payload, occurred_at)
VALUES (gen_random_uuid(), 'beneficiary', :person, 'atensi.beneficiary.registered.v1',
    jsonb_build_object('beneficiaryId', :person, 'fullName', 'Pgbench Orang Coba', 'status', 'REGISTERED', 'registeredAt', now(),
        'serviceUnitId', null, 'partnerIds', '[]'::jsonb, 'provinceCode', '32', 'regencyCode', '32.01'), now());
SELECT pg_notify('atensi_outbox', '');
SELECT id, name_key FROM beneficiary
WHERE birth_date = date '1940-01-01' + :day AND regency_code = '32.01' AND id <> :person AND merged_into IS NULL;
INSERT INTO timeline_entry (id, beneficiary_id, occurred_at, kind, summary, source)
VALUES (gen_random_uuid(), :person, now(), 'registered', 'registered as REGISTERED', 'beneficiary');
INSERT INTO personal_data_access (id, accessed_at, accessed_by, roles, beneficiary_id, fields, action, request_id)
VALUES (gen_random_uuid(), now(), 'bench-admin', 'admin', :person, 'nik', 'register', md5(random()::text));
COMMIT;
