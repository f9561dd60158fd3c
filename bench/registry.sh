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
if [ -n "${4:-}" ]; then
  baseline_root=$(mktemp -d)
  trap 'rm -rf "$baseline_root"' EXIT
  git archive "$4" | tar -x -C "$baseline_root"
  (cd "$baseline_root" && ./mvnw -B -o -q package -Dmaven.test.skip=true -pl beneficiary-service -am)
  echo "baseline: $(git rev-parse --short "$4") in $baseline_root"
fi
./mvnw -B -o -q -pl bench compile exec:java \
  -Dexec.mainClass=id.atensi.bench.beneficiary.RegistryBenchmark \
  -Dexec.args="${1:-1000000} ${2:-500} ${3:-2}" \
  -Datensi-repository-root="$PWD" \
  -Datensi-baseline-root="$baseline_root" \
  -Dexec.cleanupDaemonThreads=false
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
