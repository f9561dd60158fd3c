#!/usr/bin/env bash
# Gateway benchmark: the same read (GET /api/v1/beneficiaries/{id}) and the same write (POST
# /api/v1/beneficiaries) directly against the beneficiary service and through the gateway, in one run;
# prints throughput and p50/p99 of both, their ratio and the p99 the gateway adds.
#
# Usage: bench/gateway.sh [seconds-per-phase (20)] [concurrency (8)] [rounds (2)] [warm-up-seconds (60)]
#
# When ./atensi's pid files name the gateway and the service, each figure also gets the CPU time per request
# of both. ATENSI_BENCH_GATEWAY_CPU=<cpu> pins the gateway to that CPU and everything else (service,
# PostgreSQL, Kafka, this benchmark's client) to the other ones, as when the gateway runs on its own node:
# on one shared machine every CPU cycle the gateway spends is taken from the service it fronts.
#
# ATENSI_BENCH_BASELINE_JAR=<another build's gateway/target/quarkus-app/quarkus-run.jar> starts a second gateway from
# it beside the first (same command line and environment, port ATENSI_BENCH_BASELINE_PORT, 8090 by default) and
# measures direct, gateway and baseline side by side in every round: a change to the gateway against the build before
# it, in one run. ATENSI_BENCH_BASELINE_JAVA_OPTS adds JVM options (whitespace-separated, no quoting) to the
# baseline's command line (e.g. the same jar with another heap:
# ATENSI_BENCH_BASELINE_JAR=gateway/target/quarkus-app/quarkus-run.jar ATENSI_BENCH_BASELINE_JAVA_OPTS=-Xmn128m). ATENSI_BENCH_BARE_PROXY=1 starts bench's BareProxy (Vert.x's HTTP server
# and client and nothing else, port ATENSI_BENCH_BARE_PORT, 8091 by default) in front of the same service and measures
# it beside them: the floor under any gateway built on Vert.x. ATENSI_BENCH_OPERATIONS=read (or write) measures one
# operation only. ATENSI_BENCH_DIRECT_FORWARDED=1 adds a target that sends directly to the service with the headers
# the gateway adds (request id, traceparent, X-Forwarded-*): the service's cost of those headers, without a proxy.
#
# Every measured phase follows ATENSI_BENCH_REWARM seconds (10 by default) of the same requests to the same target,
# not measured: with three or more targets each one idles 60-120 s between its phases, past the 60 s a Vert.x
# client keeps an idle connection, and a proxy's next phase began on new connections to the service and with its
# JIT recompiling (session 15's second rounds, bench/RESULTS.md). A guard: session 16's runs did not show that loss
# with or without it. The load average is printed with each phase.
#
# Reuses a running platform when the gateway and the beneficiary service both answer ready (its gateway must
# give the admin role room: ATENSI_GATEWAY_RATE_LIMITS_ADMIN_CAPACITY); otherwise starts one with
# ./atensi start --detach (by default only the beneficiary service and the gateway, ATENSI_APPS overrides)
# with the admin rate limit raised, and stops it at the end; the jars must be packaged (./mvnw install
# -DskipTests). Ports and data directory as ./atensi's
# (ATENSI_GATEWAY_PORT, ATENSI_BENEFICIARY_PORT, ATENSI_DATA_DIR...). Needs the shared modules installed in the
# local Maven repository (./mvnw install, or the build ./atensi start makes).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-20}"
concurrency="${2:-8}"
rounds="${3:-2}"
warmup="${4:-60}"
# Refused before anything starts: a platform started for nothing takes a minute to come and go.
if [ -n "${ATENSI_BENCH_BASELINE_JAVA_OPTS:-}" ] && [ -z "${ATENSI_BENCH_BASELINE_JAR:-}" ]; then
    echo "gateway.sh: ATENSI_BENCH_BASELINE_JAVA_OPTS applies to the baseline gateway: set ATENSI_BENCH_BASELINE_JAR too" >&2
    exit 1
fi
gateway="http://127.0.0.1:${ATENSI_GATEWAY_PORT:-8080}"
direct="http://127.0.0.1:${ATENSI_BENEFICIARY_PORT:-8081}"

ready() {
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$1/q/health/ready" || true)" = 200 ]
}

cleanups=()
cleanup() {
    local i
    for ((i = ${#cleanups[@]} - 1; i >= 0; i--)); do
        eval "${cleanups[i]}" || true
    done
}
trap cleanup EXIT

started=false
if ready "$gateway" && ready "$direct"; then
    echo "gateway.sh: reusing the running platform ($gateway, $direct)"
else
    # ./atensi start would start only what is missing and leave the rest, which then runs without the raised rate
    # limit; and the stop at the end would stop processes this script did not start.
    launcher_status=0
    ./atensi status >/dev/null 2>&1 || launcher_status=$?
    if [ "$launcher_status" != 3 ]; then
        echo "gateway.sh: ./atensi runs already (see ./atensi status), but $gateway and $direct are not both ready; stop it (./atensi stop) or start what is missing (./atensi start --detach), then run this again" >&2
        exit 1
    fi
    echo "gateway.sh: starting the platform (./atensi start --detach)"
    # The benchmark is one admin client sending as fast as it can; the gateway's limiter still runs (its
    # cost is part of the figure) but never refuses.
    export ATENSI_GATEWAY_RATE_LIMITS_ADMIN_CAPACITY=1000000000
    export ATENSI_APPS="${ATENSI_APPS:-beneficiary-service gateway}"
    started=true
    cleanups+=('./atensi stop')
    # --skip-build: a benchmark measures the packaged jars as they are, and never starts a build of its own.
    mkdir -p bench/target
    if ! ./atensi start --detach --skip-build >bench/target/gateway-bench-start.log 2>&1; then
        tail -n 30 bench/target/gateway-bench-start.log >&2
        exit 1
    fi
fi

token="$(./atensi tokens | sed -n 's/^export ATENSI_TOKEN_ADMIN=//p')"
if [ -z "$token" ]; then
    echo "gateway.sh: ./atensi tokens printed no admin token" >&2
    exit 1
fi

run_dir="${ATENSI_DATA_DIR:-.data}/run"
pids=()
if [ -r "$run_dir/gateway.pid" ] && [ -r "$run_dir/beneficiary-service.pid" ]; then
    pids=(--gateway-pid "$(head -n 1 "$run_dir/gateway.pid")" --service-pid "$(head -n 1 "$run_dir/beneficiary-service.pid")")
fi

client=()
if [ -n "${ATENSI_BENCH_GATEWAY_CPU:-}" ]; then
    if [ ${#pids[@]} -eq 0 ]; then
        echo "gateway.sh: ATENSI_BENCH_GATEWAY_CPU needs ./atensi's pid files in $run_dir" >&2
        exit 1
    fi
    others="$(seq 0 $(($(nproc) - 1)) | grep -vx "$ATENSI_BENCH_GATEWAY_CPU" | paste -sd, -)"
    if [ -z "$others" ]; then
        echo "gateway.sh: ATENSI_BENCH_GATEWAY_CPU needs at least two CPUs" >&2
        exit 1
    fi
    if ! $started; then
        # A platform this script did not start gets all CPUs back afterwards.
        cleanups+=('for file in "$run_dir"/*.pid; do pid="$(head -n 1 "$file")"; for process in "$pid" $(pgrep -P "$pid" || true); do taskset -a -p -c "0-$(($(nproc) - 1))" "$process" >/dev/null 2>&1 || true; done; done')
    fi
    # Every thread of every process, PostgreSQL's backends included (new ones inherit the postmaster's CPUs).
    for file in "$run_dir"/*.pid; do
        pid="$(head -n 1 "$file")"
        [ -d "/proc/$pid" ] || continue
        for process in "$pid" $(pgrep -P "$pid" || true); do
            taskset -a -p -c "$others" "$process" >/dev/null
        done
    done
    taskset -a -p -c "$ATENSI_BENCH_GATEWAY_CPU" "$(head -n 1 "$run_dir/gateway.pid")" >/dev/null
    client=(taskset -c "$others")
    echo "gateway.sh: gateway pinned to CPU $ATENSI_BENCH_GATEWAY_CPU, everything else to CPU $others"
fi

baseline=()
if [ -n "${ATENSI_BENCH_BASELINE_JAR:-}" ]; then
    # The baseline starts in the running gateway's directory: a relative path is this one's.
    ATENSI_BENCH_BASELINE_JAR="$(realpath "$ATENSI_BENCH_BASELINE_JAR")"
    if [ ${#pids[@]} -eq 0 ]; then
        echo "gateway.sh: ATENSI_BENCH_BASELINE_JAR needs ./atensi's pid files in $run_dir" >&2
        exit 1
    fi
    baseline_url="http://127.0.0.1:${ATENSI_BENCH_BASELINE_PORT:-8090}"
    gateway_pid="$(head -n 1 "$run_dir/gateway.pid")"
    # The running gateway's own command line and environment, with the other jar and port: the two builds differ
    # in nothing else.
    mapfile -d '' baseline_env < "/proc/$gateway_pid/environ"
    mapfile -d '' baseline_command < "/proc/$gateway_pid/cmdline"
    for i in "${!baseline_command[@]}"; do
        if [ "${baseline_command[i]}" = -jar ]; then
            baseline_command[i + 1]="$ATENSI_BENCH_BASELINE_JAR"
        fi
    done
    # ATENSI_BENCH_BASELINE_JAVA_OPTS: JVM options put in front of the baseline's -jar, after the running gateway's own so
    # that they win: one build under two JVM settings, side by side.
    read -r -a baseline_java_opts <<< "${ATENSI_BENCH_BASELINE_JAVA_OPTS:-}"
    if [ ${#baseline_java_opts[@]} -gt 0 ]; then
        placed=""
        for i in "${!baseline_command[@]}"; do
            if [ "${baseline_command[i]}" = -jar ]; then
                baseline_command=("${baseline_command[@]:0:i}" "${baseline_java_opts[@]}" "${baseline_command[@]:i}")
                placed=yes
                break
            fi
        done
        if [ -z "$placed" ]; then
            echo "gateway.sh: the gateway's command line has no -jar to put ATENSI_BENCH_BASELINE_JAVA_OPTS before" >&2
            exit 1
        fi
    fi
    mkdir -p bench/target
    (cd "/proc/$gateway_pid/cwd" && exec env -i "${baseline_env[@]}" QUARKUS_HTTP_PORT="${ATENSI_BENCH_BASELINE_PORT:-8090}" \
        "${baseline_command[@]}") >bench/target/gateway-baseline.log 2>&1 &
    baseline_pid=$!
    cleanups+=("kill $baseline_pid; wait $baseline_pid 2>/dev/null")
    for _ in $(seq 1 120); do
        ready "$baseline_url" && break
        kill -0 "$baseline_pid" 2>/dev/null || { tail -n 30 bench/target/gateway-baseline.log >&2; exit 1; }
        sleep 1
    done
    ready "$baseline_url" || { echo "gateway.sh: the baseline gateway did not get ready in 120 s" >&2; exit 1; }
    if [ -n "${ATENSI_BENCH_GATEWAY_CPU:-}" ]; then
        taskset -a -p -c "$ATENSI_BENCH_GATEWAY_CPU" "$baseline_pid" >/dev/null
    fi
    baseline=(--baseline "$baseline_url" --baseline-pid "$baseline_pid")
    echo "gateway.sh: baseline gateway $ATENSI_BENCH_BASELINE_JAR${ATENSI_BENCH_BASELINE_JAVA_OPTS:+ with ${ATENSI_BENCH_BASELINE_JAVA_OPTS}} at $baseline_url (pid $baseline_pid)"
fi

./mvnw -B -q -pl bench compile

bare=()
if [ -n "${ATENSI_BENCH_BARE_PROXY:-}" ]; then
    if [ ${#pids[@]} -eq 0 ]; then
        echo "gateway.sh: ATENSI_BENCH_BARE_PROXY needs ./atensi's pid files in $run_dir" >&2
        exit 1
    fi
    bare_url="http://127.0.0.1:${ATENSI_BENCH_BARE_PORT:-8091}"
    # Made before the proxy starts, so that the wait below never reads a file its shell has not opened yet.
    : >bench/target/gateway-bare-proxy.log
    ./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/bare-proxy.classpath >/dev/null
    # The service's JVM settings (-Xmx256m) for the proxy too.
    java -Xmx256m -cp "bench/target/classes:$(cat bench/target/bare-proxy.classpath)" id.atensi.bench.gateway.BareProxy \
        "${ATENSI_BENCH_BARE_PORT:-8091}" 127.0.0.1 "${direct##*:}" >bench/target/gateway-bare-proxy.log 2>&1 &
    bare_pid=$!
    cleanups+=("kill $bare_pid; wait $bare_pid 2>/dev/null")
    for _ in $(seq 1 60); do
        grep -q "bare proxy on port" bench/target/gateway-bare-proxy.log && break
        kill -0 "$bare_pid" 2>/dev/null || { tail -n 30 bench/target/gateway-bare-proxy.log >&2; exit 1; }
        sleep 1
    done
    if [ -n "${ATENSI_BENCH_GATEWAY_CPU:-}" ]; then
        taskset -a -p -c "$ATENSI_BENCH_GATEWAY_CPU" "$bare_pid" >/dev/null
    fi
    bare=(--bare "$bare_url" --bare-pid "$bare_pid")
    echo "gateway.sh: bare Vert.x proxy at $bare_url (pid $bare_pid)"
fi

ATENSI_TOKEN="$token" "${client[@]}" ./mvnw -B -q -pl bench exec:java \
  -Dexec.mainClass=id.atensi.bench.gateway.GatewayBenchmark \
  -Dexec.args="--gateway $gateway --direct $direct --seconds $seconds --concurrency $concurrency --rounds $rounds --warmup $warmup --operations ${ATENSI_BENCH_OPERATIONS:-read,write} --rewarm ${ATENSI_BENCH_REWARM:-10} $([ "${ATENSI_BENCH_DIRECT_FORWARDED:-0}" = 1 ] && echo --direct-forwarded true) ${pids[*]} ${baseline[*]} ${bare[*]}" \
  -Dexec.cleanupDaemonThreads=false
if $started; then
    echo "gateway.sh: stopping the platform it started"
fi
