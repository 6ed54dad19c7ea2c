#!/usr/bin/env bash
# Fails when lupdate would change a committed translations/*.ts file (a tr() string was added,
# changed or removed without updating the translation), or when a translation is unfinished.
#   check-ts.sh LUPDATE SOURCES_LST TS_FILE...
# SOURCES_LST lists the files lupdate reads, one per line (views/CMakeLists.txt writes it).
set -euo pipefail
lupdate=$1
sources=$2
shift 2

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for ts in "$@"; do
    copy="$tmp/$(basename "$ts")"
    cp "$ts" "$copy"
    "$lupdate" -silent -no-obsolete -locations none "@$sources" -ts "$copy"
    if ! cmp -s "$ts" "$copy"; then
        echo "FAIL: $ts is not current; run: cmake --build build/dev --target update_translations"
        diff -u "$ts" "$copy" | head -60 || true
        status=1
    fi
    unfinished=$(grep -c 'type="unfinished"' "$copy" || true)
    if [[ $unfinished -gt 0 ]]; then
        echo "FAIL: $ts has $unfinished unfinished translations"
        grep -B3 'type="unfinished"' "$copy" | grep '<source>' | head -20 || true
        status=1
    fi
    [[ $status -eq 0 ]] && echo "ok: $ts is current and complete"
done
exit $status
