-- The statements beneficiary-service issues for one registration (POST /api/v1/beneficiaries by an admin, no
-- Idempotency-Key), in its one transaction, with values of the same width: the person (the NIK's unique index decides
-- whether it is new), the likely-duplicate lookup (same birth date and regency), the event with its NOTIFY, the
-- timeline entry, and the audit row of the unmasked answer. Not here: what the service does later for the event (the
-- relay marks it published, consumers of its own events write their inbox rows), in transactions of many events each.
-- Every name differs, in letters as the benchmark's clients' names do: a name's trigrams are what its GIN indexes keep,
-- and one name for all rows made their pending lists cheap to merge (a few keys with long lists of rows).
\set day random(0, 24999)
\set serial random(1, 999999999)
BEGIN;
INSERT INTO beneficiary (id, full_name, name_key, nik_hash, nik_cipher, nik_key_id, kk_hash, kk_cipher, kk_key_id,
    birth_place, birth_date, sex, province_code, regency_code, district_code, village_code, address_line, phone,
    welfare_id, clusters, disability_types, approach, service_unit_id, partner_ids, status, registered_at,
    updated_at, version)
VALUES (gen_random_uuid(), 'Pgbench Orang ' || translate(:serial::text, '0123456789', 'abcdefghij'),
    'pgbench orang ' || translate(:serial::text, '0123456789', 'abcdefghij'), md5(random()::text || clock_timestamp()::text) || md5(random()::text),
    'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'bench', NULL, NULL, NULL, NULL, date '1940-01-01' + :day,
    'FEMALE', '32', '32.01', NULL, NULL, NULL, NULL, NULL, '{ELDERLY}', '{}', NULL, NULL, '{}', 'REGISTERED', now(), now(), 0)
ON CONFLICT (nik_hash) DO NOTHING
RETURNING quote_literal(id::text) AS person \gset
SELECT id, name_key FROM beneficiary
WHERE birth_date = date '1940-01-01' + :day AND regency_code = '32.01' AND id <> :person AND merged_into IS NULL;
INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, payload, trace_parent, occurred_at)
SELECT gen_random_uuid(), 'beneficiary', :person, 'atensi.beneficiary.registered.v1',
    jsonb_build_object('beneficiaryId', :person, 'fullName', 'Pgbench Orang Coba', 'status', 'REGISTERED', 'registeredAt', now(),
        'partnerIds', '[]'::jsonb, 'provinceCode', '32', 'regencyCode', '32.01'), NULL, now()
FROM (SELECT pg_notify('atensi_outbox', '')) AS notified;
INSERT INTO timeline_entry (id, beneficiary_id, occurred_at, kind, summary, source)
VALUES (gen_random_uuid(), :person, now(), 'registered', 'registered as REGISTERED', 'beneficiary');
INSERT INTO personal_data_access (id, accessed_at, accessed_by, roles, beneficiary_id, fields, action, request_id)
VALUES (gen_random_uuid(), now(), 'bench-admin', 'admin', :person, 'nik', 'register', md5(random()::text));
COMMIT;
