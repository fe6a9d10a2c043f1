# shellcheck shell=bash
# Helpers shared by bench/treatment and bench/employment (bash), sourced after engine.sh.
# Before sourcing: die(), ROOT, TMP, BIN, THREADS (empty: the server's default), USER_NAME, PASSWORD,
# SERVER_PIDS (an array the caller's trap stops), and the per-engine arrays E_DB, E_KEY and
# E_LABEL.

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
free_port() {
    local p i
    for i in $(seq 1 100); do
        p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
        if ! port_in_use "$p"; then
            echo "$p"
            return 0
        fi
    done
    return 1
}

# Milliseconds since the epoch.
now_ms() {
    echo $(($(date +%s%N) / 1000000))
}

# Latency such as 585.00us / 2.24ms / 1.02s in milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : -1
        if (f < 0) { print "?"; exit 1 }
        printf "%.3f", n * f }'
}

us_ms() {
    awk -v v="$1" 'BEGIN {printf "%.2f", v / 1000}'
}

# The access log is buffered per worker thread and written out at least every 200 ms.
flush_wait() {
    sleep 0.6
}
audit_rows() { # engine
    db_value "${E_DB[$1]}" 'select count(*) from audit_event'
}

# Every data table of samspor's, parents before children: src/store/copy.c's list, the one
# `samspor migrate-data` copies in, so that a new table is never left out of a benchmark.
data_tables() {
    sed -n '/store_data_tables\[\] = {/,/NULL};/p' "$ROOT/src/store/copy.c" | grep -o '"[a-z_0-9]*"' | tr -d '"'
}

# Nearest-rank percentiles of the numbers in a file, one a line: min p50 p90 p99 max.
percentiles() { # file
    sort -n "$1" | awk '{a[NR] = $1} function r(p) { i = int(NR * p + 0.999999); if (i < 1) i = 1; return a[i] }
        END {print a[1], r(0.50), r(0.90), r(0.99), a[NR]}'
}

# The duration_us of each access-log line of a route (a fixed string, e.g. "/api/v1/caseload")
# among the server log lines after line $2, appended to file $3; the lines must all be status
# $4.
logged_durations() { # engine after-line out-file status route
    local e=$1 after=$2 out=$3 status=$4 route=$5
    tail -n +"$((after + 1))" "${E_LOG[$e]}" | grep -F "\"route\":\"$route\"" >"$TMP/logged.lines" || true
    if grep -vqF "\"status\":$status" "$TMP/logged.lines"; then
        die "a logged $route request was not $status (${E_LABEL[$e]}): $(grep -vF "\"status\":$status" "$TMP/logged.lines" | head -c 300)"
    fi
    sed 's/.*"duration_us":\([0-9]*\).*/\1/' "$TMP/logged.lines" >>"$out"
}

declare -A E_PORT E_PID E_LOG E_THREADS E_AUTH
start_server() { # engine
    local e=$1 args
    E_PORT[$e]=$(free_port) || die "found no free port"
    args=(serve --db "${E_DB[$e]}" --listen "127.0.0.1:${E_PORT[$e]}")
    [ -z "${E_KEY[$e]}" ] || args+=(--key "${E_KEY[$e]}")
    [ -z "$THREADS" ] || args+=(--threads "$THREADS")
    E_LOG[$e]=$TMP/samspor-$e.log
    "$BIN" "${args[@]}" 2>"${E_LOG[$e]}" &
    E_PID[$e]=$!
    SERVER_PIDS+=("${E_PID[$e]}")
    for _ in $(seq 1 100); do
        kill -0 "${E_PID[$e]}" 2>/dev/null || {
            tail -n 20 "${E_LOG[$e]}" >&2
            die "samspor (${E_LABEL[$e]}) exited before it answered"
        }
        if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${E_PORT[$e]}/healthz" || true)" = 200 ]; then
            E_THREADS[$e]=$(grep -o 'with [0-9]* worker threads' "${E_LOG[$e]}" 2>/dev/null | head -n1 | tr -dc 0-9 || true)
            [ -n "${E_THREADS[$e]}" ] || E_THREADS[$e]=${THREADS:-$(nproc)}
            return 0
        fi
        sleep 0.1
    done
    die "samspor (${E_LABEL[$e]}) did not answer 200 on /healthz within 10 s"
}
sign_in() { # engine
    local e=$1 cookie
    curl -s -D "$TMP/login-$e.headers" -o "$TMP/login-$e.body" -H 'Content-Type: application/json' \
        -d "{\"username\":\"$USER_NAME\",\"password\":\"$PASSWORD\"}" \
        "http://127.0.0.1:${E_PORT[$e]}/api/v1/auth/login" || die "sign-in request failed (${E_LABEL[$e]})"
    cookie=$(tr -d '\r' <"$TMP/login-$e.headers" | grep -i '^set-cookie: *samspor_session=' | head -n1 |
        sed 's/^[^:]*: *//; s/;.*//' || true)
    [ -n "$cookie" ] || die "signing in as $USER_NAME failed (${E_LABEL[$e]}): $(head -n1 "$TMP/login-$e.headers")"
    E_AUTH[$e]="Cookie: $cookie"
}

# Replace the section headed $2 of the markdown file $1 with the file $3 (from its heading to the
# next "## " heading); a first run puts it just before "## History", where bench/http keeps it
# (bench/http rewrites the file but carries everything from "## Notes" to "## History" over), or
# at the end of the file.
write_section() { # doc heading section-file
    local doc=$1 heading=$2 file=$3 present=0
    mkdir -p "$(dirname "$doc")"
    [ -f "$doc" ] || : >"$doc"
    ! grep -qxF "$heading" "$doc" || present=1
    awk -v heading="$heading" -v file="$file" -v present="$present" '
        function put() { while ((getline l < file) > 0) print l; close(file); done = 1 }
        $0 == heading { if (!done) put(); skip = 1; next }
        skip && /^## / { skip = 0 }
        skip { next }
        !done && !present && /^## History/ { put() }
        { print }
        END { if (!done) { if (NR > 0) print ""; put() } }
    ' "$doc" >"$doc.tmp"
    mv "$doc.tmp" "$doc"
}
