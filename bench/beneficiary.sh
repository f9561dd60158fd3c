#!/usr/bin/env bash
# Beneficiary registry benchmarks against the packaged service, an embedded PostgreSQL and Kafka broker (or
# ATENSI_DB_URL / KAFKA_BOOTSTRAP_SERVERS); the service is stopped at the end.
#
# bench/beneficiary.sh import [rows=100000] [preload=0] [clients=16] [seconds=20]
#   Issue 20: import of a CSV of new people (into a registry preloaded with `preload` people) beside PostgreSQL's COPY
#   of the same file; registration latency idle and during the import; registrations/s and the service's CPU per
#   registration beside pgbench running bench/registration.sql (needs pgbench: Debian's postgresql-client).
#   Smoke run: bench/beneficiary.sh import 5000 0 4 5
#
# bench/beneficiary.sh [people=1000000] [import-rows=100000] [requests=1000]
#   Loads people through the import, then p50/p95 of NIK lookup and a filtered search through HTTP.
#   Smoke run: bench/beneficiary.sh 20000 5000 200
set -euo pipefail
cd "$(dirname "$0")/.."
main=id.atensi.bench.beneficiary.BeneficiaryBenchmark
args="${1:-1000000} ${2:-100000} ${3:-1000}"
if [ "${1:-}" = import ]; then
  main=id.atensi.bench.beneficiary.ImportBenchmark
  args="${2:-100000} ${3:-0} ${4:-16} ${5:-20}"
fi
./mvnw -B -o -q package -DskipTests -pl beneficiary-service
./mvnw -B -o -q -pl bench compile exec:java \
  -Dexec.mainClass=$main \
  -Dexec.args="$args" \
  -Datensi-repository-root="$PWD" \
  -Dexec.cleanupDaemonThreads=false
