#!/usr/bin/env bash
# Beneficiary registry benchmarks against the packaged service, an embedded PostgreSQL and Kafka broker (or
# ATENSI_DB_URL / KAFKA_BOOTSTRAP_SERVERS); the service is stopped at the end.
#
# bench/beneficiary.sh import [rows=100000] [preload=0] [clients=16] [seconds=20] [rounds=1] [baseline-commit] [candidate-commit]
#   Issue 20: import of a CSV, then of a JSON-lines file, then of an XLSX workbook, of new people (into a registry
#   preloaded with `preload` people), each with its CPU per 1,000 rows (service by thread kind, PostgreSQL), beside
#   PostgreSQL's COPY of the same CSV, with the service's peak memory; registration latency idle and during the
#   import; with clients > 0, registrations/s and the service's CPU per registration beside pgbench running
#   bench/registration.sql (needs pgbench: Debian's postgresql-client). Commits are built as bench/lib/builds.sh says
#   (from `git archive`, with their own platform modules); without a candidate commit, this work tree's build is the
#   candidate; the builds take turns, each round,
#   each on a fresh database. Smoke run: bench/beneficiary.sh import 5000 0 4 5
#   Base against head of a branch: bench/beneficiary.sh import 100000 0 0 0 2 main HEAD
#   BENCH_WRITERS=2,4: each build once per number of writers, in turn. BENCH_WARMUP=rows: each also warm (the fresh
#   service imports `rows` first, registrations made meanwhile, not measured), printed as "warm" beside "cold".
#   BENCH_FORMATS=csv: the CSV only. BENCH_VARIANTS: each build once per set of the service's settings (bench/lib/builds.sh),
#   e.g. BENCH_VARIANTS="off:ATENSI_BENEFICIARY_NAME_INDEXES_MERGE_INTERVAL=off 1s:ATENSI_BENEFICIARY_NAME_INDEXES_MERGE_INTERVAL=1s"
#   BENCH_STATEMENTS=N: the database's N longest statements from the CSV's POST to the outbox drained (pg_stat_statements
#   loaded in the server: one of your own through ATENSI_DB_URL).
#   After each build's run (its service stopped), "the import's SQL alone": the CSV job's rows, as that service sealed
#   and hashed them, replayed through that build's ImportChunks statements (read from its source) on a copy of its
#   database emptied of people, outbox and timeline — wall time, PostgreSQL's CPU, each statement's CPU, REGISTER's
#   triggers (ImportFloor). BENCH_FLOOR=as-migrated,no-trigram,bare (the default; also gin-merged; none to skip) names
#   the schema variants, BENCH_FLOOR_CONNECTIONS=N the numbers of connections writing chunks at once, each in turn (default: 1 and nproc).
#   BENCH_FLOOR_REGISTRY=keep, BENCH_FLOOR_IDS, BENCH_FLOOR_SETTINGS with BENCH_FLOOR_RESTART: into the registry the
#   import met rather than an emptied one, with other ids, under other server settings (ImportFloor.Options).
#
# bench/beneficiary.sh floor DATABASE [job]
#   The replay alone, on a database that an import benchmark left on a server of your own (ATENSI_DB_URL): after a
#   1,000,000-person preload, e.g. BENCH_FLOOR_REGISTRY=keep BENCH_FLOOR_IDS=random,time-ordered
#   BENCH_FLOOR_SETTINGS='shared_buffers=128MB|shared_buffers=2GB' BENCH_FLOOR_RESTART='pg_ctl -D DATA restart -w'.
#
# bench/beneficiary.sh [people=1000000] [import-rows=100000] [requests=1000]
#   Loads people through the import, then p50/p95 of NIK lookup and a filtered search through HTTP.
#   Smoke run: bench/beneficiary.sh 20000 5000 200
# Profile the service: BENCH_JVM_OPTS="-XX:StartFlightRecording=filename=/tmp/beneficiary.jfr,settings=profile"
set -euo pipefail
cd "$(dirname "$0")/.."
main=id.atensi.bench.beneficiary.BeneficiaryBenchmark
args="${1:-1000000} ${2:-100000} ${3:-1000}"
if [ "${1:-}" = floor ]; then
  main=id.atensi.bench.beneficiary.ImportFloor
  args="${2:?database} ${3:-}"
elif [ "${1:-}" = import ]; then
  source bench/lib/builds.sh
  beneficiary_builds "${7:-}" "${8:-}"
  beneficiary_variants
  main=id.atensi.bench.beneficiary.ImportBenchmark
  args="${2:-100000} ${3:-0} ${4:-16} ${5:-20} ${6:-1} ${jars[*]}"
else
  ./mvnw -B -o -q package -DskipTests -pl beneficiary-service
fi
./mvnw -B -o -q -pl bench compile exec:java \
  -Dexec.mainClass=$main \
  -Dexec.args="$args" \
  -Datensi-repository-root="$PWD" \
  -Dexec.cleanupDaemonThreads=false
