# Starts and stops a throwaway PostgreSQL server on a loopback port for the test run.
# Source it, then: pg_start (exports HANGAR_TEST_PG_URL) ... pg_stop.

pg_start() {
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
    if [[ -z "$bin" ]]; then
        echo "postgres.sh: PostgreSQL is not installed (scripts/setup --test installs it)" >&2
        return 1
    fi
    PG_DIR=$(mktemp -d /tmp/hangar-pg.XXXXXX)
    PG_RUN=()
    if [[ $(id -u) -eq 0 ]]; then
        # initdb refuses to run as root.
        chown postgres: "$PG_DIR"
        PG_RUN=(runuser -u postgres --)
    fi
    "${PG_RUN[@]}" "$bin/initdb" -D "$PG_DIR/data" -U hangar -A trust -E UTF8 --no-sync >"$PG_DIR/initdb.log" 2>&1 || {
        cat "$PG_DIR/initdb.log" >&2; return 1; }
    local port=""
    for candidate in $(shuf -i 20000-60000 -n 30); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
    done
    [[ -n "$port" ]] || { echo "postgres.sh: no free port" >&2; return 1; }
    "${PG_RUN[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
        -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
        start >/dev/null || { cat "$PG_DIR/server.log" >&2; return 1; }
    PG_BIN=$bin
    export HANGAR_TEST_PG_URL="postgres://hangar@127.0.0.1:$port/postgres"
    echo "postgres.sh: throwaway PostgreSQL on 127.0.0.1:$port" >&2
}

pg_stop() {
    [[ -n "${PG_DIR:-}" && -d "$PG_DIR" ]] || return 0
    "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
}
