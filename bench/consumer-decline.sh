#!/usr/bin/env bash
# The beneficiary service's consumers declining the events of its own topic (issue 20: the registry feed during an
# import with no subscription), two builds side by side in one run: the CPU of the consumers' threads and of the
# service per 1,000 declined registrations, and the wall time. Each commit is exported and packaged with its own
# platform modules (bench/lib/builds.sh), so nothing is installed into ~/.m2.
# Usage: bench/consumer-decline.sh [events=50000] [rounds=3] [baseline-commit=4b104e9] [candidate-commit=HEAD]
# (4b104e9: the feed declines in wants(event), after reading each record; session 15 declines by the ce_type header)
set -euo pipefail
cd "$(dirname "$0")/.."
events="${1:-50000}"
rounds="${2:-3}"
baseline="${3:-4b104e9}"
candidate="${4:-HEAD}"
. bench/lib/builds.sh
beneficiary_builds "$baseline" "$candidate"
echo "machine: nproc $(nproc), $(free -g | awk '/^Mem:/ {print $2}') GB, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
./mvnw -B -o -q -pl bench compile exec:java \
  -Dexec.mainClass=id.atensi.bench.beneficiary.ConsumerDeclineBenchmark \
  -Dexec.args="$events $rounds ${jars[*]}" \
  -Datensi-repository-root="$PWD" \
  -Dexec.cleanupDaemonThreads=false
echo "load at the end $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
