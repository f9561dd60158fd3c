#!/usr/bin/env bash
# SPDCI registry reads at scale (issues 21 and 23), directly against beneficiary-service and through the gateway in one
# run: sync search by identifier p50/p95/p99, an async search of 1,000 identifiers answered by callback to a receiver on
# 127.0.0.1, and the console's person search by name (first page). The registry is preloaded by COPY with the service's
# own cipher and name folding (see RegistryBenchmark); the packaged service and gateway run against the test harness'
# embedded PostgreSQL and Kafka and are stopped at the end.
#
# bench/registry.sh [people=1000000] [sync-searches-per-phase=500] [rounds=2] [baseline-commit]
#   Smoke run: bench/registry.sh 20000 100 1
# With a baseline commit, that commit's beneficiary-service (from `git archive`, packaged with its own platform modules)
# runs beside this tree's on the same database and is measured first in each round, as "baseline".
# Profile the service: BENCH_JVM_OPTS="-XX:StartFlightRecording=filename=/tmp/registry.jfr,settings=profile,dumponexit=true"
# (JDK 17 does not expand %p in the file name: with a baseline both builds would write one file, so profile without one).
#
# BENCH_REGISTRY_KEEP=DIR keeps the people between runs: a PostgreSQL server of the launcher's kind (id.atensi.local's
# LocalMain) keeps its data in DIR, on port BENCH_REGISTRY_KEEP_PORT (15499), for the length of the run; the first run
# loads the people (12 minutes for 1,000,000 on 2 shared cores) and a later one with as many people finds and reuses
# them, the service applying its newer migrations at its start. A server already listening on that port is used as it
# is (one started by hand the same way, to look into the data between runs). Delete DIR to load afresh.
set -euo pipefail
cd "$(dirname "$0")/.."
# The callback receiver is on 127.0.0.1 over plain HTTP, which production refuses; the gateway's per-client limits
# (1,200 registry requests a minute) would measure the limiter, not the search.
export ATENSI_BENEFICIARY_REGISTRY_CALLBACK_ALLOWED_NETWORKS=127.0.0.0/8
export ATENSI_BENEFICIARY_REGISTRY_CALLBACK_ALLOW_PLAIN_HTTP=true
export ATENSI_GATEWAY_RATE_LIMITER_ENABLED=false
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
./mvnw -B -o -q package -DskipTests -pl beneficiary-service,gateway
baseline_root=""
server=""
cleanup() {
  if [[ -n "$server" ]]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; fi
  if [[ -n "$baseline_root" ]]; then rm -rf "$baseline_root"; fi
}
trap cleanup EXIT
if [ -n "${4:-}" ]; then
  baseline_root=$(mktemp -d)
  git archive "$4" | tar -x -C "$baseline_root"
  (cd "$baseline_root" && ./mvnw -B -o -q package -Dmaven.test.skip=true -pl beneficiary-service -am)
  echo "baseline: $(git rev-parse --short "$4") in $baseline_root"
  # This tree's service starts first and applies its newer migrations to the shared database; the older build would
  # refuse to start on them ("applied migration not resolved locally").
  export QUARKUS_FLYWAY_IGNORE_MIGRATION_PATTERNS='*:future'
fi
keep=()
if [[ -n "${BENCH_REGISTRY_KEEP:-}" ]]; then
  mkdir -p "$BENCH_REGISTRY_KEEP"
  keep_port="${BENCH_REGISTRY_KEEP_PORT:-15499}"
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$keep_port") 2>/dev/null; then
    rm -f "$BENCH_REGISTRY_KEEP/server.log"
    ./mvnw -B -o -q -pl bench exec:java -Dexec.mainClass=id.atensi.local.LocalMain \
      -Dexec.args="infrastructure --data $BENCH_REGISTRY_KEEP --postgres-port $keep_port --databases postgres" \
      >"$BENCH_REGISTRY_KEEP/server.log" 2>&1 &
    server=$!
    until grep -q READY "$BENCH_REGISTRY_KEEP/server.log"; do
      kill -0 "$server" 2>/dev/null || { cat "$BENCH_REGISTRY_KEEP/server.log"; exit 1; }
      sleep 1
    done
  fi
  export ATENSI_DB_URL="jdbc:postgresql://127.0.0.1:$keep_port/postgres"
  keep=(-Dbench.registry.keep=true)
fi
./mvnw -B -o -q -pl bench compile exec:java \
  -Dexec.mainClass=id.atensi.bench.beneficiary.RegistryBenchmark \
  -Dexec.args="${1:-1000000} ${2:-500} ${3:-2}" \
  -Datensi-repository-root="$PWD" \
  -Datensi-baseline-root="$baseline_root" \
  -Dexec.cleanupDaemonThreads=false "${keep[@]}"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
