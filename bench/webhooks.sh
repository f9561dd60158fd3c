#!/usr/bin/env bash
# webhook-service end to end: committed (written to the topic) -> delivered p50/p99 at a steady rate over several
# endpoints, delivery throughput to one fast receiver, and the others' p99 while one endpoint hangs (alternating
# phases with and without the hanging endpoint, `rounds` times, to compare them on the same machine). Starts the
# packaged service against an embedded PostgreSQL and Kafka broker (or ATENSI_DB_URL / KAFKA_BOOTSTRAP_SERVERS) and
# real receivers on 127.0.0.1, and stops them at the end.
# With an earlier commit, the same benchmark runs against that commit's build first, then this tree's, then the
# earlier one's again (A B A), in one run: the commit is exported (git archive) to a temporary directory and packaged
# there with the platform modules it depends on (-am, nothing installed).
# Usage: bench/webhooks.sh [events-per-second=100] [seconds-per-phase=30] [endpoints=20] [backlog=5000] [rounds=3]
#                          [fast-receiver-max-in-flight=64] [earlier-commit]
# rounds=0 leaves out the steady and hanging phases (a 10 s warm-up, then the throughput phase only).
# The throughput phase replays the backlog three times, each with the CPU time per delivery of the service (by
# thread kind), PostgreSQL and the receivers (this JVM) beside the rate.
# Smoke run: bench/webhooks.sh 20 5 4 200 1
# The receivers keep up to 1,024 idle connections (JDK default 200: WEBHOOK_BENCH_RECEIVER_MAX_IDLE=200).
# Profile the service: WEBHOOK_BENCH_JVM_OPTS="-XX:StartFlightRecording=filename=/tmp/webhook.jfr" bench/webhooks.sh
set -euo pipefail
cd "$(dirname "$0")/.."
args="${1:-100} ${2:-30} ${3:-20} ${4:-5000} ${5:-3} ${6:-64}"
earlier="${7:-}"
# With its own platform modules (-am), as the earlier commit's build is: ~/.m2 may hold another tree's.
./mvnw -B -o -q package -Dmaven.test.skip=true -pl webhook-service -am
./mvnw -B -o -q -pl bench compile
run() {
  echo "=== $1 (load average $(cut -d' ' -f1-3 /proc/loadavg)) ==="
  ./mvnw -B -o -q -pl bench exec:java \
    -Dexec.mainClass=id.atensi.bench.webhook.WebhookBenchmark \
    -Dexec.args="$args" \
    -Datensi-repository-root="$2" \
    -Dexec.cleanupDaemonThreads=false
}
if [ -z "$earlier" ]; then
  run "this tree" "$PWD"
  exit 0
fi
earlier_dir="$(mktemp -d)"
trap 'rm -rf "$earlier_dir"' EXIT
git archive "$earlier" | tar -x -C "$earlier_dir"
(cd "$earlier_dir" && ./mvnw -B -o -q package -Dmaven.test.skip=true -pl webhook-service -am)
label="$(git rev-parse --short "$earlier")"
run "$label" "$earlier_dir"
run "this tree" "$PWD"
run "$label" "$earlier_dir"
