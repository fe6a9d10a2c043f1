# shellcheck shell=bash
# The storage engines of a benchmark run, sourced by bench/http and bench/treatment (bash).
#
# BENCH_DB picks the engines: sqlite (the default), postgresql, or both (one server on each,
# measured in the same run, interleaved). PostgreSQL is a throwaway cluster that
# scripts/pg-cluster starts in the run's temporary directory, tuned as below and stopped at the
# end, or the server at BENCH_PG (a base URL, postgresql://USER@HOST:PORT, whose role may create
# databases): the run then makes a database of its own there and drops it at the end.
# BENCH_PG_FSYNC (on) switches fsync and full_page_writes of the throwaway cluster; off is only
# for finding out what durability costs, and the figures say which it was.
#
# Before sourcing: die() and TMP (the run's temporary directory, removed by the caller's trap).
# The caller's cleanup calls engine_cleanup.

BENCH_ENGINES=()
case "${BENCH_DB:-sqlite}" in
sqlite) BENCH_ENGINES=(sqlite) ;;
postgresql) BENCH_ENGINES=(postgresql) ;;
both) BENCH_ENGINES=(sqlite postgresql) ;;
*) die "BENCH_DB must be sqlite, postgresql or both" ;;
esac
PG_FSYNC=${BENCH_PG_FSYNC:-on}
[ "$PG_FSYNC" = on ] || [ "$PG_FSYNC" = off ] || die "BENCH_PG_FSYNC must be on or off"
ENGINE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG_CLUSTER=$ENGINE_ROOT/scripts/pg-cluster
PG_DIR=      # the throwaway cluster's directory, when this run started one
PG_BASE=     # the server's base URL (no database)
PG_DBS=()    # databases this run made on BENCH_PG, dropped at the end
PG_SETTINGS= # what the cluster was tuned with, for the report

uses_engine() {
    local e
    for e in "${BENCH_ENGINES[@]}"; do
        [ "$e" = "$1" ] && return 0
    done
    return 1
}

pg_tool() {
    local bin
    bin=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/psql' 2>/dev/null | sort -V | tail -n 1)
    [ -n "$bin" ] || die "psql is missing (Debian package postgresql; scripts/bootstrap installs it)"
    echo "$(dirname "$bin")/$1"
}

# The settings of the throwaway cluster, for a 2-core machine with 24 GiB that the load
# generator and the server share: the whole data set (under 1 GB) fits in shared_buffers, no
# checkpoint falls inside a measurement, and commits do not wait for the WAL flush
# (synchronous_commit = off, the counterpart of SQLite's synchronous = NORMAL in WAL mode: a
# crash may lose the last commits, never consistency). JIT is off: it compiles a large query
# for tens of milliseconds, more than the caseload's statements take.
PG_TUNING=(
    "shared_buffers = '2GB'"
    "effective_cache_size = '12GB'"
    "work_mem = '16MB'"
    "maintenance_work_mem = '1GB'"
    "wal_buffers = '64MB'"
    "max_wal_size = '16GB'"
    "checkpoint_timeout = '30min'"
    "random_page_cost = 1.1"
    "jit = off"
    "synchronous_commit = off"
)

# Start the throwaway cluster (or take BENCH_PG) once; sets PG_BASE.
pg_start() {
    local psql setting
    [ -z "$PG_BASE" ] || return 0
    psql=$(pg_tool psql)
    if [ -n "${BENCH_PG:-}" ]; then
        [[ $BENCH_PG =~ ^postgres(ql)?://[^/?]*$ ]] ||
            die "BENCH_PG must be a base URL without a database: postgresql://USER@HOST:PORT"
        PG_BASE=$BENCH_PG
        PG_SETTINGS="the server at BENCH_PG, as it is configured"
        return 0
    fi
    # The server runs as another user when this script runs as root: it needs to reach the
    # directory (mktemp makes it 0700).
    chmod 755 "$TMP"
    PG_DIR=$TMP/pg
    PG_BASE=$("$PG_CLUSTER" start "$PG_DIR") || die "scripts/pg-cluster could not start a cluster"
    # ALTER SYSTEM writes postgresql.auto.conf, read after pg-cluster's test settings.
    for setting in "${PG_TUNING[@]}" "fsync = $PG_FSYNC" "full_page_writes = $PG_FSYNC"; do
        "$psql" -X -q -v ON_ERROR_STOP=1 -d "$PG_BASE/postgres" \
            -c "ALTER SYSTEM SET ${setting/ = / TO }" >/dev/null ||
            die "could not set $setting"
    done
    "$PG_CLUSTER" restart "$PG_DIR" || die "the cluster did not restart with the benchmark settings"
    PG_SETTINGS=$(printf '%s, ' "${PG_TUNING[@]}" "fsync = $PG_FSYNC" "full_page_writes = $PG_FSYNC")
    PG_SETTINGS=${PG_SETTINGS%, }
}

# A new database NAME; its URL in PG_DB_URL. Not in a subshell: it may start the cluster.
pg_new_db() {
    pg_start
    PG_DB_URL=$("$PG_CLUSTER" createdb "$PG_BASE" "$1") || die "could not create the database $1"
    [ -z "${BENCH_PG:-}" ] || PG_DBS+=("$1")
}

engine_cleanup() {
    local db
    for db in "${PG_DBS[@]}"; do
        "$PG_CLUSTER" dropdb "$PG_BASE" "$db" >/dev/null 2>&1 || true
    done
    PG_DBS=()
    if [ -n "$PG_DIR" ] && [ -d "$PG_DIR" ]; then
        "$PG_CLUSTER" stop "$PG_DIR" >/dev/null 2>&1 || true
    fi
    PG_DIR=
}

# One value (first column of the first row) of a query on TARGET, a SQLite file or a URL.
db_value() {
    local target=$1 sql=$2
    case "$target" in
    postgres://* | postgresql://*)
        "$(pg_tool psql)" -X -q -A -t -v ON_ERROR_STOP=1 -d "$target" -c "$sql" | head -n 1
        ;;
    *) sqlite3 "$target" "$sql" | head -n 1 ;;
    esac
}

# The server's version and settings line for the report.
pg_describe() {
    local v
    v=$(db_value "$PG_BASE/postgres" "SHOW server_version" 2>/dev/null || echo "?")
    echo "PostgreSQL $v; $PG_SETTINGS"
}

# VACUUM (ANALYZE) every table of URL: statistics for the planner and the visibility map for
# index-only scans, as autovacuum would make them soon after a load (done now, so that it
# does not happen during a measurement).
pg_vacuum() {
    "$(pg_tool psql)" -X -q -v ON_ERROR_STOP=1 -d "$1" -c "VACUUM (ANALYZE)" >/dev/null ||
        die "VACUUM (ANALYZE) failed on the PostgreSQL database"
}

# Copy every row of the SQLite database SRC into the PostgreSQL database URL, which `samspor
# migrate` has just made (schema and reference data, nothing else): each table streams as CSV
# from the sqlite3 CLI into COPY … FROM STDIN, in one transaction, parents before children so
# that every foreign key is checked as the rows arrive. Then the identity sequences continue
# after the highest ids copied. The two databases hold the same rows, ids included.
# Args: SRC URL TABLE… (the tables to copy, in that order; every other table of SRC must be
# one that the migrations fill).
pg_copy_from_sqlite() {
    local src=$1 url=$2 table left i
    local -a cols=() tables
    shift 2
    tables=("$@")
    left=$(sqlite3 "$src" "SELECT name FROM sqlite_schema WHERE type = 'table'
        AND name NOT LIKE 'sqlite_%' AND name NOT IN ('schema_migration', 'organisation',
        'organisation_alias', 'target_group', $(printf "'%s'," "$@" | sed 's/,$//'))")
    [ -z "$left" ] || die "tables not copied to PostgreSQL (add them to the list): $left"
    for table in "$@"; do
        cols+=("$(sqlite3 "$src" "SELECT group_concat(name, ', ') FROM pragma_table_info('$table')")")
        [ -n "${cols[-1]}" ] || die "the SQLite database has no table $table"
    done
    {
        echo '\set ON_ERROR_STOP on'
        echo 'BEGIN;'
        for i in "${!cols[@]}"; do
            table=${tables[i]}
            echo "COPY $table (${cols[i]}) FROM STDIN WITH (FORMAT csv);"
            sqlite3 -csv "$src" "SELECT ${cols[i]} FROM $table ORDER BY rowid"
            echo '\.'
        done
        # Every identity column of the copied tables: its sequence goes on after the highest value.
        cat <<'EOF'
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT c.relname AS t, a.attname AS col FROM pg_attribute a
             JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = current_schema() AND a.attidentity <> '' AND NOT a.attisdropped
    LOOP
        EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), COALESCE(MAX(%I), 0) + 1, false) FROM %I',
                       r.t, r.col, r.col, r.t);
    END LOOP;
END $$;
COMMIT;
EOF
    } | "$(pg_tool psql)" -X -q -d "$url" >/dev/null || die "copying the SQLite rows into PostgreSQL failed"
}
