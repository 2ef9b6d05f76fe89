# Sourced by .ci/run: install PostgreSQL from Debian's packages, start a throw-away server on loopback and export
# CHOKEPOINTS_TEST_PG for the service tests (tests/service run on SQLite always, and on PostgreSQL when it is set).
# Returns non-zero (and exports nothing) when any step fails: the service tests then run on SQLite only.
ck_postgres() {
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || return 1
    fi
    local pgbin pgdir
    pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    pgdir=$(mktemp -d /tmp/ck-pg.XXXXXX) || return 1
    chown postgres "$pgdir" || return 1
    runuser -u postgres -- "$pgbin/initdb" -D "$pgdir/data" -A trust -U postgres >/dev/null || return 1
    runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdir/data" -w -l "$pgdir/log" \
        -o "-p 54329 -k $pgdir -c listen_addresses=127.0.0.1" start >/dev/null || return 1
    CK_PG_STOP="runuser -u postgres -- $pgbin/pg_ctl -D $pgdir/data -m fast stop"
    trap '$CK_PG_STOP >/dev/null 2>&1 || true' EXIT
    "$pgbin/psql" -h 127.0.0.1 -p 54329 -U postgres -qc "CREATE DATABASE ck_test" || return 1
    export CHOKEPOINTS_TEST_PG=postgresql+psycopg://postgres@127.0.0.1:54329/ck_test
}
