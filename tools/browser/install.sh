#!/usr/bin/env bash
# Installs playwright-core and axe-core (versions pinned in package-lock.json) into tools/browser/node_modules, for
# the system tests that drive Swagger UI and the web console in a headless browser and check pages' accessibility.
# playwright-core drives Debian's chromium (/usr/bin/chromium); it never downloads a browser of its own.
# Needs Node.js 20+ and npm; runs npm ci only when node_modules is missing or older than the lock file.
# Installs Debian's chromium with apt-get when it is missing and this runs as root (a fresh CI machine);
# otherwise a missing chromium fails here, naming the command, rather than skipping the browser tests.
# ./mvnw verify runs it before the system tests (exec-maven-plugin execution "install-browser-tools").
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

for tool in node npm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "install.sh: '$tool' not found: the browser tests need Node.js 20+ with npm" >&2
        echo "  (Debian/Ubuntu: apt-get install -y nodejs npm; or https://nodejs.org)" >&2
        exit 1
    fi
done
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "install.sh: installing Debian's chromium for the browser tests (apt-get)"
        (
            # One apt-get at a time across the build's installers (tools/promtool/install.sh takes the same lock).
            if command -v flock >/dev/null 2>&1; then
                exec 9>"${TMPDIR:-/tmp}/atensi-apt.lock"
                flock 9
            fi
            if [ ! -x /usr/bin/chromium ]; then
                apt-get update -qq
                DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
            fi
        )
    else
        echo "install.sh: /usr/bin/chromium not found: the browser tests need Debian's chromium" >&2
        echo "  (as root: apt-get install -y chromium)" >&2
        exit 1
    fi
fi

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
    echo "install.sh: Node.js $(node --version) is too old: playwright-core needs Node.js 20+" >&2
    exit 1
fi

marker="$here/node_modules/.package-lock.json"
if [ ! -f "$marker" ] || [ "$here/package-lock.json" -nt "$marker" ]; then
    (
        if command -v flock >/dev/null 2>&1; then
            exec 9>"${TMPDIR:-/tmp}/atensi-browser-npm-$(id -u).lock"
            flock 9
        fi
        if [ ! -f "$marker" ] || [ "$here/package-lock.json" -nt "$marker" ]; then
            echo "install.sh: installing playwright-core and axe-core into $here/node_modules (npm ci)"
            (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
        fi
    )
fi
