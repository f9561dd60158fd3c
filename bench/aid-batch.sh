#!/usr/bin/env bash
# aid-service's batch proposal: `distributions` distributions of one programme in one request, `rounds` times, and
# beside it the same proposals one request each, for comparison. Starts the packaged service the way ./atensi does
# (App.spec under the launcher's Supervisor) against an embedded PostgreSQL and Kafka broker, and stops it at the end.
# Usage: bench/aid-batch.sh [distributions=10000] [rounds=3] [single-proposals=1000]
# Smoke run: bench/aid-batch.sh 200 1 50
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -o -q package -DskipTests -pl aid-service
./mvnw -B -o -q -pl bench compile exec:java \
  -Dexec.mainClass=id.atensi.bench.bulk.AidBatchBenchmark \
  -Dexec.args="${1:-10000} ${2:-3} ${3:-1000}" \
  -Datensi-repository-root="$PWD" \
  -Dexec.cleanupDaemonThreads=false
