#!/usr/bin/env bash
# The console API through curl, against a real hangard: what a shell user or an agent would do.
# Usage: curl_smoke.sh /path/to/hangard
set -uo pipefail
hangard=$1
dir=$(mktemp -d)
token="curl-smoke-token-0123456789"
pass=0 fail=0
check() { # name, condition...
    local name=$1; shift
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name" >&2; fi
}
cleanup() { [[ -n "${pid:-}" ]] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

HANGAR_DATA_DIR="$dir/data" HANGAR_API_LISTEN=127.0.0.1:0 HANGAR_API_TOKEN=$token \
    "$hangard" >"$dir/log" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q "ready:" "$dir/log" && break; sleep 0.1; done
base=$(grep -o 'http://127.0.0.1:[0-9]*' "$dir/log" | head -n1)
[[ -n "$base" ]] || { echo "hangard did not start:"; cat "$dir/log"; exit 1; }
auth=(-H "Authorization: Bearer $token")

check "version" bash -c "curl -sf ${auth[*]@Q} $base/api/version | grep -q '\"apiVersion\":1'"
code=$(curl -s -o /dev/null -w '%{http_code}' "$base/api/sandboxes")
check "401 without a token" test "$code" = 401

# Refusals: a body that does not parse is 400, a value the engine refuses is 422.
code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" -X POST -d '{"chatId":' "$base/api/sandboxes")
check "400 for malformed JSON" test "$code" = 400
code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" -X POST -d '{"chatId":"$(id)","threadId":"t"}' "$base/api/sandboxes")
check "422 for a refused chat id" test "$code" = 422

created=$(curl -sf "${auth[@]}" -X POST -d '{"chatId":"curl","threadId":"smoke"}' "$base/api/sandboxes")
id=$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' <<<"$created")
check "create" test -n "$id"
check "listed" bash -c "curl -sf ${auth[*]@Q} $base/api/sandboxes | grep -q $id"

check "write a file" curl -sf "${auth[@]}" -X PUT --data-binary 'hello from curl' \
    "$base/api/sandboxes/$id/fs/notes/hello.txt?parents=true"
check "read it back" test "$(curl -sf "${auth[@]}" "$base/api/sandboxes/$id/fs/notes/hello.txt")" = "hello from curl"
code=$(curl -s -o /dev/null -w '%{http_code}' --path-as-is "${auth[@]}" "$base/api/sandboxes/$id/fs/../../../etc/passwd")
check "traversal refused" test "$code" = 403

out=$(curl -sf "${auth[@]}" -X POST -d '{"command":"echo $((6*7))"}' "$base/api/sandboxes/$id/exec")
check "exec" grep -q '"stdout":"42\\n"' <<<"$out"
code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" -X POST -d '{"command":"true","timeoutMs":-1}' "$base/api/sandboxes/$id/exec")
check "422 for a negative timeout" test "$code" = 422
code=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" -X POST -d '{"pattern":"a{2,1}"}' "$base/api/sandboxes/$id/tools/grep")
check "422 for an invalid grep pattern" test "$code" = 422

# The event stream: first the current state, then a transition as it happens.
curl -sN --max-time 4 "${auth[@]}" "$base/api/sandboxes/$id/lifecycle/events" >"$dir/sse" &
ssepid=$!
sleep 1
curl -sf "${auth[@]}" -X POST "$base/api/sandboxes/$id/hibernate" >/dev/null
wait $ssepid
check "sse current state" grep -q '"state":"active"' "$dir/sse"
check "sse transition" grep -q '"state":"hibernated"' "$dir/sse"
check "sse ids" grep -q '^id: [0-9]' "$dir/sse"

check "delete" test "$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" -X DELETE "$base/api/sandboxes/$id")" = 204
check "token not logged" bash -c "! grep -q $token $dir/log"

echo "$pass passed, $fail failed"
[[ $fail -eq 0 ]]
