#!/usr/bin/env bash
# Issue 20, goal 2: registrations per second and the service's CPU per registration (POST /api/v1/beneficiaries by an
# admin, 16 clients), each build of beneficiary-service on its own fresh database after a warm-up, beside pgbench running
# bench/registration.sql (the statements of one registration) at the same concurrency, in rounds, all in one run;
# against the harness' embedded PostgreSQL and Kafka (or ATENSI_DB_URL / KAFKA_BOOTSTRAP_SERVERS). Needs pgbench
# (Debian's postgresql-client).
#
# bench/registrations.sh [clients=16] [seconds=20] [warmup=20] [rounds=2] [baseline-commit] [candidate-commit]
#   Commits are built as bench/lib/builds.sh says (from `git archive`, with their own platform modules); without a
#   candidate commit, this work tree's build is the candidate. Smoke run: bench/registrations.sh 4 5 5 1
# Profile one build at a time (JDK 17's JFR does not expand %p: every service started would write the same file), e.g.
#   BENCH_JVM_OPTS="-XX:StartFlightRecording=filename=/tmp/registrations.jfr,settings=profile" bench/registrations.sh 16 20 60 1
# and read the last measured seconds of it (the service stops right after them).
# Load generators (BENCH_CLIENTS, comma-separated, each against the same service in turn; default vertx):
#   vertx — Vert.x's HTTP/1.1 client on one event loop, a kept-alive connection per client;
#   jdk   — the JDK's HttpClient, a thread per client, which sessions 10–14 measured; BENCH_HTTP_VERSION=HTTP_1_1: a
#           connection each, as the gateway does (default: h2c, all clients multiplexed on one connection).
#   e.g. BENCH_CLIENTS=jdk,vertx BENCH_HTTP_VERSION=HTTP_1_1 bench/registrations.sh 16 20 40 2
# Every result prints the CPU per registration of each party — the service by thread kind, PostgreSQL, the load
# generator's JVM, the Kafka broker — and the machine's busy cores; pgbench's line its own client's CPU and PostgreSQL's.
# And its latency percentiles and tail: the GIN pending lists merged in the window (pgstattuple), and with a server of
# one's own that preloads pg_stat_statements (ATENSI_DB_URL=jdbc:postgresql://127.0.0.1:PORT/postgres), the person
# INSERT's maximum time.
# Settings as contenders (BENCH_VARIANTS, bench/lib/builds.sh), e.g. the GIN pending lists merged in the background or not:
#   BENCH_VARIANTS="off:ATENSI_BENEFICIARY_NAME_INDEXES_MERGE_INTERVAL=off 1s:ATENSI_BENEFICIARY_NAME_INDEXES_MERGE_INTERVAL=1s" \
#     bench/registrations.sh 16 20 60 2
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/builds.sh
beneficiary_builds "${5:-}" "${6:-}"
beneficiary_variants
./mvnw -B -o -q -pl bench compile exec:java \
  -Dexec.mainClass=id.atensi.bench.beneficiary.RegistrationBenchmark \
  -Dexec.args="${1:-16} ${2:-20} ${3:-20} ${4:-2} ${jars[*]}" \
  -Datensi-repository-root="$PWD" \
  -Dexec.cleanupDaemonThreads=false
