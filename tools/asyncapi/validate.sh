#!/usr/bin/env bash
# Validates AsyncAPI documents with @asyncapi/parser (version pinned in package-lock.json).
# Usage: tools/asyncapi/validate.sh [--verbose] [FILE...]
#   Without FILE: every service's src/main/resources/META-INF/resources/asyncapi.yaml.
# Needs Node.js 18+ and npm; installs the parser into tools/asyncapi/node_modules on first use (or when
# package-lock.json changed), from the configured npm registry: the only network access it makes.
# ./mvnw verify runs it for each service (exec-maven-plugin execution "validate-asyncapi").
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

for tool in node npm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "validate.sh: '$tool' not found: validating the AsyncAPI documents needs Node.js 18+ with npm" >&2
        echo "  (Debian/Ubuntu: apt-get install nodejs npm; or https://nodejs.org)" >&2
        exit 1
    fi
done
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 18 ]; then
    echo "validate.sh: Node.js $(node --version) is too old: validating the AsyncAPI documents needs Node.js 18+" >&2
    exit 1
fi

# npm ci only when the parser is missing or the lock file is newer than the last install. Concurrent
# builds (mvn -T) serialise on a lock so that one installs while the others wait.
marker="$here/node_modules/.package-lock.json"
if [ ! -f "$marker" ] || [ "$here/package-lock.json" -nt "$marker" ]; then
    (
        if command -v flock >/dev/null 2>&1; then
            exec 9>"${TMPDIR:-/tmp}/atensi-asyncapi-npm-$(id -u).lock"
            flock 9
        fi
        if [ ! -f "$marker" ] || [ "$here/package-lock.json" -nt "$marker" ]; then
            echo "validate.sh: installing @asyncapi/parser into $here/node_modules (npm ci)"
            # --ignore-scripts: the parser needs no install scripts (one dependency's is only telemetry).
            (cd "$here" && SCARF_ANALYTICS=false npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
        fi
    )
fi

args=()
files=0
for arg in "$@"; do
    case "$arg" in
        --*) args+=("$arg") ;;
        *) args+=("$arg"); files=$((files + 1)) ;;
    esac
done
if [ "$files" -eq 0 ]; then
    shopt -s nullglob
    documents=("$root"/*/src/main/resources/META-INF/resources/asyncapi.yaml)
    if [ "${#documents[@]}" -eq 0 ]; then
        echo "validate.sh: no */src/main/resources/META-INF/resources/asyncapi.yaml under $root" >&2
        exit 1
    fi
    args+=("${documents[@]}")
fi

exec node "$here/validate.mjs" "${args[@]}"
