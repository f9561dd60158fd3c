#!/usr/bin/env bash
#
# Tests of ./atensi, the local launcher, against real processes.
#
#   deploy/local/launcher-tests/test-launcher.sh [--quick]
#
# Uses its own data directory and ports (PostgreSQL 25432, Kafka 29092, services 18080-18084), so it
# does not disturb an ./atensi already running with the defaults. Needs the atensi-local jar and the
# Kafka broker jars (./mvnw -B -q install -DskipTests). The full-platform part runs when every
# quarkus-run.jar is there and --quick is not given; otherwise it says loudly that it did not run.

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
ATENSI="$REPO_ROOT/atensi"
QUICK=false
if [[ "${1:-}" == "--quick" ]]; then
    QUICK=true
fi

TEST_DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/atensi-launcher-test.XXXXXX")"
export ATENSI_DATA_DIR="$TEST_DATA_DIR"
export ATENSI_PG_PORT=25432
export ATENSI_KAFKA_PORT=29092
export ATENSI_GATEWAY_PORT=18080
export ATENSI_BENEFICIARY_PORT=18081
export ATENSI_PARTNER_PORT=18082
export ATENSI_TRAINING_PORT=18083
export ATENSI_AID_PORT=18084
unset ATENSI_DB_URL KAFKA_BOOTSTRAP_SERVERS ATENSI_APPS

PASSED=0
FAILED=0
NOT_RUN=()
BUSY_PORT_PID=""
OUTPUT=""

pass() {
    PASSED=$((PASSED + 1))
    printf 'PASS  %s\n' "$1"
}

fail() {
    FAILED=$((FAILED + 1))
    printf 'FAIL  %s\n' "$1"
    if [[ -n "$OUTPUT" ]]; then
        printf '%s\n' "$OUTPUT" | tail -n 15 | sed 's/^/      | /'
    fi
}

# Runs ./atensi with the arguments; keeps its output in OUTPUT and returns its exit code.
atensi() {
    local code=0
    OUTPUT="$("$ATENSI" "$@" 2>&1)" || code=$?
    return "$code"
}

expect_code() {
    local description="$1" expected="$2"
    shift 2
    local code=0
    atensi "$@" || code=$?
    if [[ "$code" == "$expected" ]]; then
        pass "$description"
    else
        fail "$description (exit code $code, expected $expected)"
    fi
}

expect_output() {
    local description="$1" text="$2"
    if [[ "$OUTPUT" == *"$text"* ]]; then
        pass "$description"
    else
        fail "$description (output lacks: $text)"
    fi
}

# Processes whose command line names the test data directory.
leftover_processes() {
    pgrep -af "$TEST_DATA_DIR" | grep -v -e pgrep -e test-launcher || true
}

expect_nothing_left() {
    local left
    left="$(leftover_processes)"
    if [[ -z "$left" ]]; then
        pass "$1"
    else
        OUTPUT="$left"
        fail "$1 (processes left)"
    fi
}

cleanup() {
    "$ATENSI" stop >/dev/null 2>&1 || true
    if [[ -n "$BUSY_PORT_PID" ]]; then
        kill "$BUSY_PORT_PID" 2>/dev/null || true
    fi
    rm -rf "$TEST_DATA_DIR"
}
trap cleanup EXIT

kafka_cluster_id() {
    sed -n 's/^cluster.id=//p' "$TEST_DATA_DIR/kafka/data/meta.properties" 2>/dev/null || true
}

# ---------------------------------------------------------------------------------------------

test_commands_without_processes() {
    expect_code "help exits 0" 0 help
    expect_output "help lists the commands" "start"
    expect_code "an unknown command exits 2" 2 frobnicate
    expect_code "status with nothing running exits 3" 3 status
    expect_code "stop with nothing running exits 0" 0 stop
    expect_output "stop says there is nothing to stop" "Nothing to stop"
    expect_code "an unknown start option is refused" 1 start --frobnicate
}

test_busy_port() {
    if ! command -v python3 >/dev/null 2>&1; then
        NOT_RUN+=("busy port (python3 is needed to hold a port)")
        return 0
    fi
    python3 -m http.server "$ATENSI_KAFKA_PORT" --bind 127.0.0.1 >/dev/null 2>&1 &
    BUSY_PORT_PID=$!
    local tries=0
    while ! (exec 3<>"/dev/tcp/127.0.0.1/$ATENSI_KAFKA_PORT") 2>/dev/null && ((tries < 50)); do
        sleep 0.2
        tries=$((tries + 1))
    done
    expect_code "start refuses a busy port" 1 start --infra-only --detach
    expect_output "the message names the busy port" "port $ATENSI_KAFKA_PORT"
    expect_output "the message names the variable to change" "ATENSI_KAFKA_PORT"
    kill "$BUSY_PORT_PID"
    wait "$BUSY_PORT_PID" 2>/dev/null || true
    BUSY_PORT_PID=""
    expect_nothing_left "nothing is started when a port is busy"
}

test_infrastructure_lifecycle() {
    expect_code "start --infra-only --detach" 0 start --infra-only --detach --skip-build
    expect_output "the summary names PostgreSQL" "127.0.0.1:$ATENSI_PG_PORT"
    expect_output "the summary has token exports" "export ATENSI_TOKEN_OFFICER="
    if grep -q '^export ATENSI_TOKEN_ADMIN=ey' "$TEST_DATA_DIR/tokens.env"; then
        pass "tokens.env holds the tokens"
    else
        fail "tokens.env holds the tokens"
    fi
    expect_code "status exits 0 while running" 0 status
    expect_output "status shows the Kafka broker" "Kafka broker"
    expect_code "a second start is refused" 1 start --infra-only --detach --skip-build
    expect_output "the refusal says it is already running" "already running"
    expect_code "tokens prints the exports" 0 tokens
    expect_output "tokens prints the viewer token" "export ATENSI_TOKEN_VIEWER="

    local cluster_id
    cluster_id="$(kafka_cluster_id)"
    expect_code "stop" 0 stop
    expect_output "stop says what it stopped" "Stopping local infrastructure"
    expect_nothing_left "no process is left after stop"
    expect_code "stop again is harmless" 0 stop

    expect_code "start again on the same data" 0 start --infra-only --detach --skip-build
    if [[ -n "$cluster_id" && "$(kafka_cluster_id)" == "$cluster_id" ]]; then
        pass "the Kafka log directory survives a restart"
    else
        fail "the Kafka log directory survives a restart"
    fi
    if [[ -f "$TEST_DATA_DIR/postgres/PG_VERSION" ]]; then
        pass "the PostgreSQL data directory survives a restart"
    else
        fail "the PostgreSQL data directory survives a restart"
    fi

    # The infrastructure process dies hard: stop still ends PostgreSQL and Kafka.
    kill -9 "$(cat "$TEST_DATA_DIR/run/infrastructure.pid")"
    sleep 1
    expect_code "status reports the dead process" 1 status
    expect_code "stop after the infrastructure process was killed" 0 stop
    expect_output "stop ends the Kafka broker left behind" "Stopping Kafka broker"
    expect_output "stop ends the PostgreSQL left behind" "Stopping PostgreSQL"
    expect_nothing_left "no process is left after a hard kill and stop"

    expect_code "start --reset" 0 start --infra-only --detach --skip-build --reset
    if [[ "$(kafka_cluster_id)" != "$cluster_id" ]]; then
        pass "--reset wipes the Kafka log directory"
    else
        fail "--reset wipes the Kafka log directory"
    fi
    expect_code "stop after reset" 0 stop
    expect_nothing_left "no process is left"
}

test_foreground_stop_on_signal() {
    local log="$TEST_DATA_DIR/foreground.out"
    # Python restores the default SIGINT disposition that a background job of a script lacks.
    python3 - "$ATENSI" "$log" <<'PYTHON' || true
import signal, subprocess, sys, time
launcher, log = sys.argv[1], sys.argv[2]
with open(log, "w") as out:
    process = subprocess.Popen([launcher, "start", "--infra-only", "--skip-build"], stdout=out, stderr=subprocess.STDOUT)
    deadline = time.time() + 150
    while time.time() < deadline and "Press Ctrl-C" not in open(log).read():
        time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    process.wait(timeout=90)
PYTHON
    OUTPUT="$(cat "$log")"
    expect_output "foreground start reaches the summary" "Press Ctrl-C"
    expect_output "Ctrl-C stops the infrastructure" "Stopping local infrastructure"
    expect_nothing_left "no process is left after Ctrl-C"
}

test_full_platform() {
    local app missing=""
    for app in beneficiary-service partner-service training-service aid-service gateway; do
        if [[ ! -f "$REPO_ROOT/$app/target/quarkus-app/quarkus-run.jar" ]]; then
            missing="$missing $app"
        fi
    done
    if [[ "$QUICK" == true || -n "$missing" ]]; then
        NOT_RUN+=("full platform (--quick given, or not built:${missing:- none})")
        return 0
    fi
    expect_code "start --detach the whole platform" 0 start --detach --skip-build
    expect_output "the summary names the Swagger UI" "http://localhost:$ATENSI_GATEWAY_PORT/q/swagger-ui"
    # shellcheck source=/dev/null
    source "$TEST_DATA_DIR/tokens.env"
    local gateway="http://127.0.0.1:$ATENSI_GATEWAY_PORT"
    local created id
    created="$(curl -sS -X POST "$gateway/api/v1/beneficiaries" -H "Authorization: Bearer $ATENSI_TOKEN_OFFICER" \
        -H 'Content-Type: application/json' \
        -d '{"fullName":"Siti Aminah","nik":"3201014508900001","birthDate":"1990-08-05","sex":"FEMALE"}' || true)"
    id="$(printf '%s' "$created" | sed -n 's/.*"id":"\([0-9a-f-]*\)".*/\1/p')"
    if [[ -n "$id" ]]; then
        pass "a beneficiary is created through the gateway"
    else
        OUTPUT="$created"
        fail "a beneficiary is created through the gateway"
    fi
    expect_code "stop the platform" 0 stop
    expect_nothing_left "no process is left after stopping the platform"
    expect_code "start the platform again" 0 start --detach --skip-build
    # shellcheck source=/dev/null
    source "$TEST_DATA_DIR/tokens.env"
    local read_back
    read_back="$(curl -sS "$gateway/api/v1/beneficiaries/$id" -H "Authorization: Bearer $ATENSI_TOKEN_OFFICER" || true)"
    if [[ -n "$id" && "$read_back" == *"Siti Aminah"* ]]; then
        pass "the beneficiary is still there after a restart"
    else
        OUTPUT="$read_back"
        fail "the beneficiary is still there after a restart"
    fi
    expect_code "stop the platform again" 0 stop
    expect_nothing_left "no process is left"
}

# ---------------------------------------------------------------------------------------------

printf 'Testing %s (data in %s)\n' "$ATENSI" "$TEST_DATA_DIR"
test_commands_without_processes
test_busy_port
test_infrastructure_lifecycle
if command -v python3 >/dev/null 2>&1; then
    test_foreground_stop_on_signal
else
    NOT_RUN+=("foreground Ctrl-C (python3 is needed to send it)")
fi
test_full_platform

printf '\n%d passed, %d failed\n' "$PASSED" "$FAILED"
for skipped in "${NOT_RUN[@]+"${NOT_RUN[@]}"}"; do
    printf 'NOT RUN: %s\n' "$skipped"
done
((FAILED == 0))
