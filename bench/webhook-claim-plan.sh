#!/usr/bin/env bash
# The dispatcher's claim statement (DeliveryStore.lease) under EXPLAIN (ANALYZE, BUFFERS), before and after, side by
# side in one run: a scratch PostgreSQL (the harness' embedded 17.x binaries, or PG_BIN) with two databases, one with
# webhook-service's migrations up to V5 and the claim as it was ("before"), one with every migration and the claim as
# it is now ("after"); each holds `finished` delivered deliveries over 21 endpoints and `due` deliveries due for
# endpoint 1 (maxInFlight 256), `leased` of them leased (in flight). Each statement runs as a custom plan and as a
# generic plan (pgjdbc's server-prepared statement after five executions), with the statistics taken when the due
# deliveries were there ("fresh") and before they came ("stale": what autovacuum saw before a burst). Each figure is
# the second of two runs, in a transaction rolled back. Prints one line per case, and every plan with -v.
# Usage: bench/webhook-claim-plan.sh [-v] [finished=500000] [due=2000] [leased=256]
# The two claim statements below are copies of DeliveryStore.lease's (before: 6b86cbd's; after: this tree's, with the
# setting it makes in the claim's transaction): keep "after" in step. AFTER_CLAIM and AFTER_SETTINGS try another.
# Takes about three minutes (four databases of half a million rows); as root, PostgreSQL runs as PG_USER (postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
verbose=0
if [ "${1:-}" = "-v" ]; then verbose=1; shift; fi
finished="${1:-500000}"
due="${2:-2000}"
leased="${3:-256}"
pg_bin="${PG_BIN:-$(dirname "$(find "${TMPDIR:-/tmp}"/embedded-pg -path '*/bin/postgres' -type f 2>/dev/null | head -1)")}"
[ -x "$pg_bin/postgres" ] || { echo "no PostgreSQL binaries: set PG_BIN (the harness extracts them under /tmp/embedded-pg)" >&2; exit 1; }
work="$(mktemp -d)"
# PostgreSQL refuses to run as root: then as PG_USER (default postgres), owning the scratch directory.
as=()
if [ "$(id -u)" = 0 ]; then
  chown "${PG_USER:-postgres}" "$work"
  as=(runuser -u "${PG_USER:-postgres}" --)
fi
cleanup() { "${as[@]}" "$pg_bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
"${as[@]}" "$pg_bin/initdb" -D "$work/data" -U bench --auth=trust >/dev/null
# No TCP port: a socket in the scratch directory only. autovacuum off, so that "stale" stays stale.
"${as[@]}" "$pg_bin/pg_ctl" -D "$work/data" -l "$work/log" -w -o "-c listen_addresses='' -k $work -c autovacuum=off -c shared_buffers=256MB" start >/dev/null
sql() { psql -X -q -v ON_ERROR_STOP=1 -h "$work" -U bench -d "$1" "${@:2}"; }
migrations=webhook-service/src/main/resources/db/migration

populate() { # database, analyze-before-due (stale) or after (fresh)
  sql "$1" <<SQL
INSERT INTO endpoint (id, partner_id, url, event_types, status, secret, created_at, updated_at, version, max_in_flight)
SELECT ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, gen_random_uuid(), 'https://receiver.example/' || i,
       '["atensi.beneficiary.*"]', 'ENABLED', 'whsec_x', now(), now(), 0, CASE WHEN i = 1 THEN 256 END
FROM generate_series(1, 21) i;
INSERT INTO webhook_event (id, type, source, subject, time, data, received_at)
SELECT 'e' || i, 'atensi.beneficiary.updated.v1', '/atensi/beneficiary', 'p' || (i % 50000), now(), '{}', now()
FROM generate_series(1, $finished + $due) i;
INSERT INTO delivery (id, endpoint_id, event_id, event_type, ordering_key, status, attempts, next_attempt_at, created_at,
                      last_attempt_at, last_status_code, delivered_at)
SELECT gen_random_uuid(), ('00000000-0000-4000-8000-' || lpad((1 + i % 21)::text, 12, '0'))::uuid, 'e' || i,
       'atensi.beneficiary.updated.v1', 'p' || (i % 50000), 'DELIVERED', 1, NULL, now() - interval '1 day', now(), 204, now()
FROM generate_series(1, $finished) i ORDER BY i;
SQL
  if [ "$2" = stale ]; then sql "$1" -c "VACUUM ANALYZE"; fi
  sql "$1" <<SQL
INSERT INTO delivery (id, endpoint_id, event_id, event_type, ordering_key, status, next_attempt_at, lease_until, created_at)
SELECT gen_random_uuid(), '00000000-0000-4000-8000-000000000001', 'e' || i, 'atensi.beneficiary.updated.v1', 'q' || i,
       'PENDING', now() - interval '1 minute', CASE WHEN i <= $finished + $leased THEN now() + interval '1 minute' END, now()
FROM generate_series($finished + 1, $finished + $due) i ORDER BY i;
SQL
  if [ "$2" = fresh ]; then sql "$1" -c "VACUUM ANALYZE"; fi
}

before_claim="WITH picked AS (
    SELECT head.id, head.seq
    FROM endpoint e
    CROSS JOIN LATERAL (
        SELECT d.id, d.seq FROM delivery d
        WHERE d.endpoint_id = e.id AND d.status = 'PENDING' AND d.next_attempt_at <= \$1
          AND (d.lease_until IS NULL OR d.lease_until < \$1)
          AND NOT EXISTS (SELECT 1 FROM delivery earlier
                          WHERE earlier.endpoint_id = d.endpoint_id AND earlier.ordering_key = d.ordering_key
                            AND earlier.status = 'PENDING' AND earlier.seq < d.seq)
        ORDER BY d.seq
        LIMIT GREATEST(0, COALESCE(e.max_in_flight, \$2)
                          - (SELECT count(*) FROM delivery leased
                             WHERE leased.endpoint_id = e.id AND leased.status = 'PENDING'
                               AND leased.lease_until IS NOT NULL AND leased.lease_until >= \$1))
        FOR UPDATE OF d SKIP LOCKED
    ) head
    WHERE e.status = 'ENABLED'
    ORDER BY head.seq
    LIMIT \$3
)
UPDATE delivery SET lease_until = \$4 WHERE id IN (SELECT id FROM picked)
RETURNING id, endpoint_id, event_id, seq"

# What DeliveryStore.lease sets in the claim's transaction before the statement.
after_settings="${AFTER_SETTINGS-SET LOCAL enable_sort = off;}"
after_claim="${AFTER_CLAIM:-WITH picked AS (
    SELECT head.id, head.seq
    FROM endpoint e
    CROSS JOIN LATERAL (
        SELECT d.id, d.seq FROM delivery d
        WHERE d.endpoint_id = e.id AND d.status = 'PENDING' AND d.next_attempt_at <= \$1
          AND (d.lease_until IS NULL OR d.lease_until < \$1)
          AND d.seq = (SELECT earlier.seq FROM delivery earlier
                       WHERE earlier.endpoint_id::text || ' ' || earlier.ordering_key = d.endpoint_id::text || ' ' || d.ordering_key
                         AND earlier.status = 'PENDING'
                       ORDER BY earlier.seq LIMIT 1)
        ORDER BY d.seq
        LIMIT GREATEST(0, COALESCE(e.max_in_flight, \$2)
                          - (SELECT count(*) FROM delivery leased
                             WHERE leased.endpoint_id = e.id AND leased.status = 'PENDING'
                               AND leased.lease_until IS NOT NULL AND leased.lease_until >= \$1))
        FOR UPDATE OF d SKIP LOCKED
    ) head
    WHERE e.status = 'ENABLED'
    ORDER BY head.seq
    LIMIT \$3
)
UPDATE delivery SET lease_until = \$4 WHERE id = ANY(ARRAY(SELECT id FROM picked))
RETURNING id, endpoint_id, event_id, seq}"

explain() { # database, statement, plan mode, settings of the claim's transaction
  sql "$1" -At <<SQL
SET plan_cache_mode = $3;
PREPARE claim(timestamptz, int, int, timestamptz) AS $2;
BEGIN;
$4
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE claim(now(), 4, 500, now() + interval '1 minute');
ROLLBACK;
BEGIN;
$4
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE claim(now(), 4, 500, now() + interval '1 minute');
ROLLBACK;
SQL
}

echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}'); $finished finished deliveries over 21 endpoints, $due due for endpoint 1 (maxInFlight 256), $leased leased; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-7s %-6s %-13s %10s %15s %8s  %s\n' build stats plan "time (ms)" "shared buffers" claimed "indexes read"
for stats in fresh stale; do
  sql postgres -c "CREATE DATABASE before_$stats"
  for file in $(ls "$migrations"/V*.sql | sort -V); do
    if [ "$(basename "$file" | sed 's/^V\([0-9]*\)__.*/\1/')" -le 5 ]; then sql "before_$stats" -f "$file"; fi
  done
  populate "before_$stats" "$stats"
  # The same rows and statistics, with the later migrations.
  sql postgres -c "CREATE DATABASE after_$stats TEMPLATE before_$stats"
  for file in $(ls "$migrations"/V*.sql | sort -V); do
    if [ "$(basename "$file" | sed 's/^V\([0-9]*\)__.*/\1/')" -gt 5 ]; then sql "after_$stats" -f "$file"; fi
  done
  for build in before after; do
    statement="$before_claim"; settings=""
    if [ "$build" = after ]; then statement="$after_claim"; settings="$after_settings"; fi
    for mode in force_custom_plan force_generic_plan; do
      plan="$(explain "${build}_$stats" "$statement" "$mode" "$settings" | awk 'BEGIN{n=0} /^Update on delivery/{n++} n==2')"
      time="$(echo "$plan" | awk '/Execution Time/{print $3}')"
      buffers="$(echo "$plan" | awk '/Buffers:/{sub(/.*shared hit=/,""); split($0,a,/[ ,]/); print a[1]; exit}')"
      claimed="$(echo "$plan" | awk '/^Update on delivery/{match($0,/rows=[0-9]+/); print substr($0,RSTART+5,RLENGTH-5); exit}')"
      indexes="$(echo "$plan" | grep -oE 'using [a-z_]+|Seq Scan on [a-z_]+|Sort Key: [a-z_.]+' | awk '{print $NF}' | sort | uniq -c | awk '{printf "%s×%s ", $2, $1}')"
      printf '%-7s %-6s %-13s %10s %15s %8s  %s\n' "$build" "$stats" "${mode#force_}" "$time" "$buffers" "$claimed" "$indexes"
      if [ "$verbose" = 1 ]; then echo "$plan" | sed 's/^/    /'; fi
    done
  done
done
