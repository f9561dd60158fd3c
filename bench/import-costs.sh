#!/usr/bin/env bash
# Issue 20, goal 1: where the database's time goes when an import writes its chunks. Replays an import's chunk
# statements with psql; they are read from beneficiary-service's ImportChunks.java itself (its text blocks), the
# staging COPY replaced by an INSERT of the same columns from a table of the same rows and the parameters bound to
# literals, and the script stops if ImportChunks gains a statement the replay does not know or a statement's
# parameters change, so the replay cannot drift from the code unnoticed. It runs them on one connection, into an emptied copy of a database an import filled, once per variant of the
# schema (an index dropped, a trigger disabled, ...), and prints for each the backend's CPU time per statement kind
# (from /proc/<backend>/stat: load-independent enough to compare on a shared machine), the wall time and the WAL
# written. Each variant starts from the same empty copy (CREATE DATABASE ... TEMPLATE). IMPORT_COSTS_CONNECTIONS=N
# replays on N connections at once (chunk k on connection k mod N), as the import's writers do, and sums their CPU.
#
# bench/import-costs.sh DATABASE [rows=100000] [chunk=5000] [variant ...]
# bench/import-costs.sh --statements   prints the statements a replayed chunk runs, as read from ImportChunks, and stops
#   DATABASE: a beneficiary database holding at least `rows` people registered by an import (their outbox events
#   give the payloads), e.g. one that `ATENSI_DB_URL=jdbc:postgresql://127.0.0.1:PORT/postgres bench/beneficiary.sh
#   import 100000 0 0 0 1` left on a PostgreSQL server of your own. psql reaches the server through PGHOST, PGPORT,
#   PGUSER, PGPASSWORD, and must run on the same machine (it reads the backend's /proc entry).
#   Variants (default: all): base, no-<index> for each index of beneficiary and beneficiary_name_search, no-name-search
#   (its insert trigger disabled), no-name-search-fk, gin-no-fastupdate, gin-pending-64mb, bare (primary key and
#   NIK hash only, no trigger: the floor), and any name the caller adds together with SQL as name='SQL;...'.
set -euo pipefail
shopt -s inherit_errexit
chunks_java=$(dirname "$0")/../beneficiary-service/src/main/java/id/atensi/beneficiary/service/ImportChunks.java
# ImportChunks' statements: each text block `private static final String NAME = """...""";` as written there.
statement() {
  awk -v name="$1" '
    index($0, "static final String " name " = \"\"\"") { on = 1; next }
    on && index($0, "\"\"\"") { sub(/\"\"\".*/, ""); if ($0 ~ /[^ ]/) print; found = 1; exit }
    on { print }
    END { if (!found) exit 1 }' "$chunks_java" || { echo "ImportChunks.java has no statement $1: update bench/import-costs.sh" >&2; exit 1; }
}
# Binds a statement's parameters (?) to literals, in order; their number must be the statement's.
bind() {
  local name=$1 text
  text=$(statement "$name")
  shift
  local count
  count=$(tr -cd '?' <<<"$text" | wc -c)
  [ "$count" -eq $# ] || { echo "ImportChunks.$name has $count parameters, bench/import-costs.sh binds $#: update the replay" >&2; exit 1; }
  for literal in "$@"; do
    text=${text/\?/$literal}
  done
  printf '%s;\n' "$text"
}
# The statements a chunk runs that the replay leaves out: the rows not registered and the likely-duplicate pairs (none
# on fresh rows), the job's progress, its span of lines (written inline), the lock and NOTIFY (no work). Any other
# text block in ImportChunks is new to the replay.
known="STAGE COPY REGISTER EVENTS TIMELINE LIKELY_DUPLICATES NOT_REGISTERED CANDIDATE PROGRESS CHUNK"
for name in $(sed -n 's/.*static final String \([A-Z_]*\) = ".*/\1/p' "$chunks_java"); do
  [[ " $known " == *" $name "* ]] || { echo "ImportChunks.$name is not replayed by bench/import-costs.sh: add it or list it as left out" >&2; exit 1; }
done
stage_sql="$(statement STAGE);"
copy_columns=$(statement COPY | tr -s '\n ' '  ' | sed -n 's/.*COPY import_stage (\([^)]*\)) FROM STDIN.*/\1/p')
[ -n "$copy_columns" ] || { echo "ImportChunks.COPY is no longer COPY import_stage (...) FROM STDIN: update the replay" >&2; exit 1; }
register_sql=$(bind REGISTER NULL "'{}'" "'REGISTERED'" "now()" "now()" NULL)
events_sql=$(bind EVENTS "'beneficiary'" "'atensi.beneficiary.registered.v1'" "now()")
timeline_sql=$(bind TIMELINE "now()" "'registered as REGISTERED'")
duplicates_sql=$(bind LIKELY_DUPLICATES)

if [ "${1:-}" = --statements ]; then
  printf '%s\n' "$stage_sql" "INSERT INTO import_stage ($copy_columns) SELECT $copy_columns FROM replay_source WHERE line BETWEEN 1 AND 5000;" \
    "$register_sql" "$events_sql" "$timeline_sql" "$duplicates_sql"
  exit 0
fi
source_db=${1:?usage: bench/import-costs.sh DATABASE [rows] [chunk] [variant ...]}
rows=${2:-100000}
connections=${IMPORT_COSTS_CONNECTIONS:-1}
chunk=${3:-5000}
shift $(($# < 3 ? $# : 3))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
q() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }

template=import_costs_template
q -d postgres -c "DROP DATABASE IF EXISTS $template WITH (FORCE)"
q -d postgres -c "CREATE DATABASE $template TEMPLATE $source_db"
# The rows as the import staged them, in the order they were registered; then the tables a chunk writes, emptied.
q -d $template <<SQL
CREATE TABLE replay_source AS
SELECT row_number() OVER (ORDER BY o.seq)::int AS line, b.id, b.full_name, b.name_key, b.nik_hash, b.nik_cipher,
    b.nik_key_id, b.kk_hash, b.kk_cipher, b.kk_key_id, b.birth_place, b.birth_date, b.sex, b.province_code,
    b.regency_code, b.district_code, b.village_code, b.address_line, b.phone, b.welfare_id, b.clusters, o.id AS event_id,
    o.payload::text AS payload
FROM beneficiary b JOIN outbox_event o ON o.aggregate_id = b.id::text AND o.event_type LIKE '%registered%'
WHERE b.import_job_id IS NOT NULL
ORDER BY o.seq LIMIT $rows;
TRUNCATE beneficiary CASCADE;
TRUNCATE outbox_event, timeline_entry;
ANALYZE replay_source;
-- autovacuum would take over part of the work (a GIN index's pending list) in a process this script does not measure
ALTER TABLE beneficiary SET (autovacuum_enabled = false);
ALTER TABLE beneficiary_name_search SET (autovacuum_enabled = false);
ALTER TABLE outbox_event SET (autovacuum_enabled = false);
ALTER TABLE timeline_entry SET (autovacuum_enabled = false);
SQL
available=$(q -d $template -c "SELECT count(*) FROM replay_source")
[ "$available" -ge "$rows" ] || { echo "only $available imported people in $source_db, $rows asked" >&2; exit 1; }

indexes=$(q -d $template -c "SELECT indexrelid::regclass FROM pg_index i WHERE indrelid IN ('beneficiary'::regclass,
  'beneficiary_name_search'::regclass) AND NOT indisprimary AND NOT indisunique ORDER BY 1")
gins=$(q -d $template -c "SELECT string_agg(format('ALTER INDEX %s SET (%%s)', c.relname), ';') FROM pg_class c JOIN pg_am a
  ON a.oid = c.relam WHERE a.amname = 'gin' AND c.relkind = 'i' AND c.relname LIKE 'beneficiary%'")
declare -A sql=(
  [base]=""
  [no-name-search]="ALTER TABLE beneficiary DISABLE TRIGGER beneficiary_name_search_inserted;"
  [no-name-search-fk]="ALTER TABLE beneficiary_name_search DROP CONSTRAINT beneficiary_name_search_id_fkey;"
  [gin-no-fastupdate]="${gins//%s/fastupdate = off};"
  [gin-pending-64mb]="${gins//%s/gin_pending_list_limit = 65536};"
  [work-mem-64mb]="ALTER DATABASE import_costs_run SET work_mem = '64MB';"
)
all=(base no-name-search no-name-search-fk gin-no-fastupdate gin-pending-64mb work-mem-64mb)
bare="ALTER TABLE beneficiary DISABLE TRIGGER beneficiary_name_search_inserted;"
for index in $indexes; do
  sql[no-$index]="DROP INDEX $index;"
  all+=("no-$index")
  bare+="DROP INDEX $index;"
done
sql[bare]=$bare
all+=(bare)
variants=()
for variant in "$@"; do
  if [[ $variant == *=* ]]; then
    sql[${variant%%=*}]=${variant#*=}
    variants+=("${variant%%=*}")
  else
    [ -n "${sql[$variant]+set}" ] || { echo "unknown variant $variant (known: ${all[*]})" >&2; exit 1; }
    variants+=("$variant")
  fi
done
[ ${#variants[@]} -gt 0 ] || variants=("${all[@]}")

# The statements of ImportChunks, one chunk a transaction; after each, the backend's CPU ticks (utime + stime) go to
# the log under the statement's name.
for ((conn = 0; conn < connections; conn++)); do
  script=$work/replay.$conn.sql
{
  echo "SELECT pg_backend_pid() AS pid \\gset"
  echo "\\setenv BACKEND :pid"
  echo "\\o /dev/null"
  mark() { echo "\\! awk '{print \"$1\", \$14 + \$15}' /proc/\$BACKEND/stat >> \$REPLAY_LOG"; }
  mark start
  for ((first = 1; first <= rows; first += chunk)); do
    [ $(((first - 1) / chunk % connections)) -eq $conn ] || continue
    last=$((first + chunk - 1 < rows ? first + chunk - 1 : rows))
    echo "BEGIN;"
    echo "$stage_sql"
    echo "INSERT INTO import_stage ($copy_columns) SELECT $copy_columns FROM replay_source WHERE line BETWEEN $first AND $last;"
    mark stage
    echo "$register_sql"
    mark register
    echo "$events_sql"
    mark events
    echo "$timeline_sql"
    mark timeline
    echo "$duplicates_sql"
    mark duplicates
    echo "COMMIT;"
    mark commit
  done
  # what the GIN indexes left in their pending lists is index work too: done here, so that no variant defers it unseen
  echo "SELECT gin_clean_pending_list(c.oid) FROM pg_class c JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'gin' AND c.relkind = 'i';"
  mark flush
} > "$script"
done

printf '%s rows in chunks of %s, %s connection(s) at once; load average %s; nproc %s\n' "$rows" "$chunk" "$connections" \
  "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)"
printf '%-40s %8s %8s %8s %8s %8s %8s %8s %8s | %8s %7s %9s\n' variant stage register events timeline dupes commit \
  "gin-flush" total \
  "wall" "load" "WAL"
for variant in "${variants[@]}"; do
  db=import_costs_run
  q -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  q -d postgres -c "CREATE DATABASE $db TEMPLATE $template"
  [ -z "${sql[$variant]}" ] || q -d $db -c "${sql[$variant]}"
  log=$work/$variant.$RANDOM.log
  start=$(date +%s.%N)
  wal_start=$(q -d $db -c "SELECT pg_current_wal_lsn()")
  for ((conn = 0; conn < connections; conn++)); do
    REPLAY_LOG=$log.$conn q -d $db -f "$work/replay.$conn.sql" > /dev/null &
  done
  wait
  wal=$(q -d $db -c "SELECT pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), '$wal_start'))")
  cat "$log".* > "$log"
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  # CPU seconds per statement kind: each mark's ticks less the previous mark's, summed by the later mark's name
  awk -v variant="$variant" -v wall="$wall" -v load="$(cut -d' ' -f1 /proc/loadavg)" -v wal="$wal" '
    { if ($1 != "start") used[$1] += $2 - last; last = $2 }
    END {
      total = 0; for (k in used) total += used[k]
      printf "%-40s %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f | %8.1f %7s %9s\n", variant, used["stage"] / 100,
        used["register"] / 100, used["events"] / 100, used["timeline"] / 100, used["duplicates"] / 100, used["commit"] / 100,
        used["flush"] / 100, total / 100, wall, load, wal
    }' "$log"
  q -d postgres -c "DROP DATABASE $db WITH (FORCE)"
done
q -d postgres -c "DROP DATABASE $template WITH (FORCE)"
echo "CPU seconds of the replaying backend(s) per statement kind (register = the INSERT into beneficiary with its indexes and"
echo "the name-search trigger; gin-flush = merging what the GIN indexes' pending lists still held at the end); wall in"
echo "seconds; WAL written by the whole replay."
