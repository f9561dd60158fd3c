#!/usr/bin/env bash
# training-service's register of a whole session: a running class of `participants`, each session's attendance
# recorded in one request. Starts the packaged service the way ./atensi does (App.spec under the launcher's
# Supervisor) against an embedded PostgreSQL and Kafka broker, and stops it at the end.
# Usage: bench/training-attendance.sh [participants=500] [sessions=5]
# Smoke run: bench/training-attendance.sh 50 2
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -o -q package -DskipTests -pl training-service
./mvnw -B -o -q -pl bench compile exec:java \
  -Dexec.mainClass=id.atensi.bench.bulk.TrainingAttendanceBenchmark \
  -Dexec.args="${1:-500} ${2:-5}" \
  -Datensi-repository-root="$PWD" \
  -Dexec.cleanupDaemonThreads=false
