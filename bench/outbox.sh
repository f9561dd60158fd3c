#!/usr/bin/env bash
# Outbox relay benchmark: commit-to-consumer latency at a steady rate, and backlog drain throughput.
# Starts its own embedded PostgreSQL and Kafka broker process (or uses ATENSI_DB_URL / KAFKA_BOOTSTRAP_SERVERS).
# Usage: bench/outbox.sh [rate-per-second] [seconds] [backlog-events]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q install -DskipTests -pl bench -am
./mvnw -B -q -pl bench exec:java \
  -Dexec.mainClass=id.atensi.bench.OutboxBenchmark \
  -Dexec.args="${1:-200} ${2:-30} ${3:-20000}" \
  -Datensi-repository-root="$PWD" \
  -Dexec.cleanupDaemonThreads=false
