# Sourced by scripts/test: makes sure TEST_POSTGRES_URL names a PostgreSQL
# server the tests may create databases on. Uses, in order: TEST_POSTGRES_URL
# as given; the server on 127.0.0.1:5432 (user postgres, trust auth); else a
# throwaway cluster in a temporary folder on a private port, stopped when the
# calling script exits.

HUB_PG_TMP=""
stop_throwaway_postgres() {
    [ -n "$HUB_PG_TMP" ] || return 0
    local ctl
    ctl=$(ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)
    run_as_postgres "$ctl" -D "$HUB_PG_TMP/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$HUB_PG_TMP"
    HUB_PG_TMP=""
}

run_as_postgres() {
    # initdb refuses to run as root.
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_test_postgres() {
    if [ -n "${TEST_POSTGRES_URL:-}" ]; then
        say "PostgreSQL for tests: $TEST_POSTGRES_URL (from TEST_POSTGRES_URL)"
        return 0
    fi
    if port_open 5432; then
        export TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:5432/postgres"
        say "PostgreSQL for tests: the server on 127.0.0.1:5432"
        return 0
    fi
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_install postgresql
    local bin port
    bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
    port=55432
    while port_open "$port"; do port=$((port + 1)); done
    HUB_PG_TMP=$(mktemp -d /tmp/hub-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres: "$HUB_PG_TMP"
    run_as_postgres "$bin/initdb" -D "$HUB_PG_TMP/data" -A trust -U postgres >/dev/null
    run_as_postgres "$bin/pg_ctl" -D "$HUB_PG_TMP/data" -l "$HUB_PG_TMP/log" \
        -o "-p $port -k $HUB_PG_TMP -c listen_addresses=127.0.0.1 -c max_connections=200" -w start >/dev/null
    export TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
    say "PostgreSQL for tests: a throwaway cluster on port $port"
}
