#!/usr/bin/env bash
# Beneficiary registry at scale: loads people through the service's own import path, then reports p50/p95 of NIK
# lookup and of a filtered search through HTTP, and the rows/s of one import. Starts the packaged service against
# an embedded PostgreSQL and Kafka broker (or ATENSI_DB_URL / KAFKA_BOOTSTRAP_SERVERS), and stops it at the end.
# Usage: bench/beneficiary.sh [people=1000000] [import-rows=100000] [requests=1000]
# Smoke run: bench/beneficiary.sh 20000 5000 200
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q package -DskipTests -pl beneficiary-service -am
./mvnw -B -q install -DskipTests -pl bench -am
./mvnw -B -q -pl bench exec:java \
  -Dexec.mainClass=id.atensi.bench.beneficiary.BeneficiaryBenchmark \
  -Dexec.args="${1:-1000000} ${2:-100000} ${3:-1000}" \
  -Datensi-repository-root="$PWD" \
  -Dexec.cleanupDaemonThreads=false
