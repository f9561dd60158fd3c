#!/usr/bin/env bash
#
# The whole platform's start time and memory, as ./atensi runs it:
#   bench/platform-start.sh [REQUESTS]
#
# 1. a first start on an empty data directory (Keycloak creates its schema, Flyway migrates every database);
# 2. a stop and a second start on the same data (the warm case: jars built, databases there);
# then an acceptance load through the gateway (REQUESTS reads per role plus registrations, default 2000), and the
# resident memory (RSS) of every process the launcher started, summed. Uses its own data directory and ports,
# so it does not disturb an ./atensi already running with the defaults. Needs the platform built
# (./mvnw -B -q install -DskipTests).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REQUESTS="${1:-2000}"
DATA="$ROOT/bench/target/platform-start-data"
export ATENSI_DATA_DIR="$DATA"
export ATENSI_GATEWAY_PORT=28080 ATENSI_BENEFICIARY_PORT=28081 ATENSI_PARTNER_PORT=28082 ATENSI_TRAINING_PORT=28083
export ATENSI_AID_PORT=28084 ATENSI_PG_PORT=25442 ATENSI_KAFKA_PORT=29192 ATENSI_KEYCLOAK_PORT=28180
GATEWAY="http://127.0.0.1:$ATENSI_GATEWAY_PORT"
# The load measures memory, not the gateway's per-client limits (600 requests a minute for an officer).
export ATENSI_GATEWAY_RATE_LIMITER_ENABLED=false

cd "$ROOT"
./atensi stop >/dev/null 2>&1 || true
rm -rf "$DATA"
trap './atensi stop >/dev/null 2>&1 || true' EXIT

timed_start() {
    local begin end
    begin=$(date +%s.%N)
    ./atensi start --detach --skip-build >"$DATA.$1.log" 2>&1 || { tail -n 30 "$DATA.$1.log"; exit 1; }
    end=$(date +%s.%N)
    printf '%.1f' "$(echo "$end - $begin" | bc)"
}

rss_of_platform() {
    local total=0 name pid rss
    for pid_file in "$DATA"/run/*.pid; do
        pid="$(cat "$pid_file")"
        rss="$(ps -o rss= -p "$pid" 2>/dev/null | tr -d ' ' || true)"
        if [[ -n "$rss" ]]; then
            name="$(basename "$pid_file" .pid)"
            printf '  %-22s %6d MB\n' "$name" $((rss / 1024)) >&2
            total=$((total + rss))
        fi
    done
    echo $((total / 1024))
}

mkdir -p "$DATA"
cold="$(timed_start cold)"
./atensi stop >/dev/null
warm="$(timed_start warm)"
ready_rss="$(rss_of_platform 2>/dev/null)"

eval "$(./atensi tokens 2>/dev/null)"
unit=$(curl -sS --fail -X POST "$GATEWAY/api/v1/service-units" -H 'Idempotency-Key: bench-unit' \
    -H "Authorization: Bearer $ATENSI_TOKEN_ADMIN" -H 'Content-Type: application/json' \
    -d '{"name":"Balai Bench","kind":"BALAI","provinceCode":"32","residentialCapacity":80}' | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')
eval "$(./atensi tokens --unit "$unit" 2>/dev/null)"
failures=0
for ((i = 0; i < REQUESTS; i++)); do
    # A NIK carries the birth date (12 Mar 1985 → 120385) after the region; the last four digits number the people.
    nik=$(printf '320101120385%04d' $((i % 9999 + 1)))
    # The first registrations wait for the unit's event to reach the beneficiary service (400 until then).
    code=$(curl -sS -o "$DATA/answer.json" -w '%{http_code}' --retry 20 --retry-delay 1 --retry-all-errors -X POST "$GATEWAY/api/v1/beneficiaries" \
        -H "Idempotency-Key: bench-$i" -H "Authorization: Bearer $ATENSI_TOKEN_OFFICER" -H 'Content-Type: application/json' \
        -d "{\"fullName\":\"Peserta Bench $i\",\"nik\":\"$nik\",\"birthDate\":\"1985-03-12\",\"sex\":\"MALE\"}" || true)
    [[ "$code" == 201 ]] || failures=$((failures + 1))
    for path in /api/v1/beneficiaries /api/v1/partners /api/v1/training/programmes /api/v1/aid/programmes; do
        code=$(curl -sS -o /dev/null -w '%{http_code}' "$GATEWAY$path" -H "Authorization: Bearer $ATENSI_TOKEN_AUDITOR" || true)
        [[ "$code" == 200 ]] || failures=$((failures + 1))
    done
done
echo "per process after the load:"
loaded_rss="$(rss_of_platform)"

echo
echo "platform start (./atensi start --detach, until every process is healthy)"
echo "  first start, empty data:      $cold s"
echo "  second start, same data:      $warm s"
echo "memory (RSS of every process ./atensi started, summed)"
echo "  after start:                  $ready_rss MB"
echo "  after $REQUESTS registrations and $((REQUESTS * 4)) reads: $loaded_rss MB ($failures requests failed)"
