#!/usr/bin/env bash
# Makes sure promtool (Prometheus' rule checker and rule unit-test runner, from Debian's `prometheus` package) is
# on the PATH for deploy/checks, which runs `promtool check rules` and `promtool test rules` on
# deploy/k8s/monitoring. Installs the package with apt-get when promtool is missing and this runs as root (a fresh
# CI machine); otherwise a missing promtool fails here, naming the command, rather than skipping the checks.
# The package also ships a Prometheus server; installing it does not start it where no init system runs (as in
# containers), and the checks never do.
# ./mvnw verify runs it before deploy/checks' tests (exec-maven-plugin execution "install-promtool").
set -euo pipefail

if command -v promtool >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "install.sh: installing Debian's prometheus package for promtool (apt-get)"
    (
        if command -v flock >/dev/null 2>&1; then
            exec 9>"${TMPDIR:-/tmp}/atensi-apt.lock"
            flock 9
        fi
        if ! command -v promtool >/dev/null 2>&1; then
            apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
        fi
    )
fi
if ! command -v promtool >/dev/null 2>&1; then
    echo "install.sh: promtool not found: deploy/checks needs it to check and unit-test the alert rules" >&2
    echo "  (Debian/Ubuntu, as root: apt-get install -y prometheus; or put a Prometheus release's promtool on the PATH)" >&2
    exit 1
fi
