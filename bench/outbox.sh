#!/usr/bin/env bash
# Outbox relay benchmark: commit-to-consumer latency at a steady rate, and backlog drain throughput.
# Starts its own embedded PostgreSQL and Kafka broker process (or uses ATENSI_DB_URL / KAFKA_BOOTSTRAP_SERVERS).
# Usage: bench/outbox.sh [rate-per-second] [seconds] [backlog-events]
#        bench/outbox.sh marking [events] [rounds]
#          the relay of session 12 (V0_0_1's partial index, non-HOT mark) against today's (V0_0_2's cursor, HOT mark),
#          side by side: drain time, relay backend CPU per 1,000 events, WAL, HOT updates, EXPLAIN of the pending read
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q install -DskipTests -pl bench -am
if [ "${1:-}" = marking ]; then
  main=id.atensi.bench.OutboxMarkingBenchmark
  args="${2:-100000} ${3:-1}"
else
  main=id.atensi.bench.OutboxBenchmark
  args="${1:-200} ${2:-30} ${3:-20000}"
fi
./mvnw -B -q -pl bench exec:java \
  -Dexec.mainClass="$main" \
  -Dexec.args="$args" \
  -Datensi-repository-root="$PWD" \
  -Dexec.cleanupDaemonThreads=false
