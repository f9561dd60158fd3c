#!/usr/bin/env bash
# webhook-service's fan-out consumer working off a backlog, this work tree's build against an earlier commit's, in
# one run (alternating rounds): events/s from its first applied event to the last. The earlier commit is exported
# (git archive) to a temporary directory and packaged there with the platform modules it depends on (-am, nothing
# installed), so ~/.m2 is left as it is. Starts the packaged services against an embedded PostgreSQL and Kafka.
# Usage: bench/webhook-consumer.sh [backlog=5000] [rounds=2] [earlier-commit=f2967fe~1]
# (f2967fe~1: the consumer loop as it was before a poll's records were applied in one transaction)
set -euo pipefail
cd "$(dirname "$0")/.."
backlog="${1:-5000}"
rounds="${2:-2}"
earlier="${3:-f2967fe~1}"
earlier_dir="$(mktemp -d)"
trap 'rm -rf "$earlier_dir"' EXIT
git archive "$earlier" | tar -x -C "$earlier_dir"
(cd "$earlier_dir" && ./mvnw -B -o -q package -Dmaven.test.skip=true -pl webhook-service -am)
./mvnw -B -o -q package -DskipTests -pl webhook-service
./mvnw -B -o -q -pl bench compile exec:java \
  -Dexec.mainClass=id.atensi.bench.webhook.ConsumerBacklogBenchmark \
  -Dexec.args="$backlog $rounds $(git rev-parse --short "$earlier") $earlier_dir/webhook-service/target/quarkus-app/quarkus-run.jar this-tree $PWD/webhook-service/target/quarkus-app/quarkus-run.jar" \
  -Datensi-repository-root="$PWD" \
  -Dexec.cleanupDaemonThreads=false
