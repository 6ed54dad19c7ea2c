#!/usr/bin/env bash
# The official-SDK conformance suite against a real hangard (CTest: sprites_conformance).
#   tests/conformance/run.sh path/to/hangard [filter]
# Starts hangard with a throwaway data dir, the Sprites-compatible API and the console API on
# free loopback ports and a random token, waits until it listens, runs conformance.mjs under
# the Node 24 that scripts/setup --test installs into tests/conformance/node_modules, stops
# hangard, and exits with the suite's status. The suite's last line is `N passed, N failed`.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
hangard=${1:?usage: run.sh path/to/hangard [filter]}
shift
node="$here/node_modules/node/bin/node"

if [[ ! -x "$node" || ! -f "$here/node_modules/@fly/sprites/package.json" ]]; then
    echo "run.sh: Node 24 or @fly/sprites missing in $here/node_modules: run scripts/setup --test" >&2
    exit 1
fi
if [[ ! -x "$hangard" ]]; then
    echo "run.sh: no hangard at $hangard" >&2
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hangar-conformance.XXXXXX")
pid=
cleanup() {
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

# Two distinct free loopback ports, held open together while they are picked.
read -r sprites_port console_port < <("$node" -e '
  const net = require("node:net");
  const a = net.createServer().listen(0, "127.0.0.1", () => {
    const b = net.createServer().listen(0, "127.0.0.1", () => {
      console.log(a.address().port, b.address().port);
      a.close(); b.close();
    });
  });')
token=$("$node" -e 'console.log(require("node:crypto").randomBytes(24).toString("hex"))')

mkdir -p "$tmp/data" "$tmp/config"
HANGAR_DATA_DIR="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" \
    HANGAR_API_LISTEN="127.0.0.1:$console_port" HANGAR_API_TOKEN="$token" \
    WORKING_DIR=/workspace SPRITES_ENABLED=false \
    "$hangard" --sprites-api "127.0.0.1:$sprites_port" </dev/null >"$tmp/hangard.log" 2>&1 &
pid=$!

listening=false
for _ in $(seq 300); do
    if ! kill -0 "$pid" 2>/dev/null; then
        break
    fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$sprites_port") 2>/dev/null; then
        listening=true
        break
    fi
    sleep 0.1
done
if [[ $listening != true ]]; then
    echo "run.sh: hangard did not start listening on 127.0.0.1:$sprites_port; its log:" >&2
    cat "$tmp/hangard.log" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
grep -m1 'isolation' "$tmp/hangard.log" || true

status=0
SPRITES_API_URL="http://127.0.0.1:$sprites_port" SPRITES_TOKEN="$token" \
    "$node" "$here/conformance.mjs" "$@" | tee "$tmp/suite.log" || status=$?
if [[ $status -ne 0 ]]; then
    echo "--- hangard log (last 40 lines) ---"
    tail -n 40 "$tmp/hangard.log"
fi
echo "sprites_conformance: $(tail -n 1 "$tmp/suite.log")"
exit "$status"
