#!/bin/bash
# with-keyring.sh COMMAND [ARGS...]
# Runs COMMAND on a private D-Bus session bus with a freshly created, unlocked gnome-keyring
# (Secret Service), so keychain tests use a real keyring without ever touching the user's: HOME
# and the XDG directories point into a temporary directory that is removed afterwards.
# A missing tool is a failure, not a skip: the keychain tests must run wherever tests run.
set -euo pipefail

for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null; then
        echo "with-keyring.sh: $tool is not installed (scripts/setup --test installs it)" >&2
        exit 1
    fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hangar-keyring.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
       XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$tmp" "$XDG_RUNTIME_DIR"
# Never find, unlock or talk to a keyring daemon of the calling session.
unset GNOME_KEYRING_CONTROL GNOME_KEYRING_PID SSH_AUTH_SOCK DBUS_SESSION_BUS_ADDRESS

status=0
dbus-run-session -- bash -c '
set -euo pipefail
# --unlock reads the password of the login keyring on stdin, creating the keyring if needed,
# and becomes the session bus'"'"'s Secret Service. It prints assignments such as
# GNOME_KEYRING_CONTROL=...; the keyring tools look for them in the environment.
assignments=$(printf "%s" "hangar-test-keyring" |
    gnome-keyring-daemon --unlock --components=secrets)
while IFS= read -r line; do
    if [[ $line =~ ^[A-Z_]+= ]]; then
        export "${line?}"
    fi
done <<< "$assignments"

# The daemon registers on the bus as it starts; wait for it (bounded) so the test never
# D-Bus-activates a second, locked instance.
for _ in $(seq 100); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
           org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
           grep -q "boolean true"; then
        exec "$@"
    fi
    sleep 0.1
done
echo "with-keyring.sh: gnome-keyring-daemon did not appear on the session bus" >&2
exit 1
' with-keyring "$@" || status=$?
exit "$status"
