#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests and benchmarks, on a unix socket in a temp folder.
#
#   Tests/pg/cluster.sh run CMD ARGS…   start a server, run CMD with GZQ_TEST_PG and PG* exported,
#                                       stop the server whatever CMD does; exits with CMD's status
#   eval "$(Tests/pg/cluster.sh start)" start one and print its exports (GZQ_PG_DIR among them)
#   Tests/pg/cluster.sh stop DIR        stop it and remove DIR
#   Tests/pg/cluster.sh install         apt-get install postgresql libpq-dev when missing (root)
#
# initdb and postgres refuse to run as root, so as root both run as the `postgres` user
# (runuser). The folder is under /tmp with a short name: a unix socket path must stay under
# about 107 bytes. No TCP port is opened (listen_addresses=''), so there is no port race.
# Where PostgreSQL has ICU, the default collation is Chinese (pinyin), not code-point order.
# fsync and friends are off: the data is thrown away.
set -Eeuo pipefail

pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

install() {
    if [ -n "$(pgbin)" ] && [ -x "$(pgbin)/initdb" ] && [ -f /usr/include/postgresql/libpq-fe.h ] && command -v psql >/dev/null; then
        return 0
    fi
    echo "installing postgresql libpq-dev" >&2
    [ "$(id -u)" = 0 ] || { echo "cluster.sh: postgresql is missing and installing it needs root" >&2; exit 1; }
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql libpq-dev) >/dev/null ||
        { echo "cluster.sh: could not install postgresql libpq-dev: the PostgreSQL tests cannot run" >&2; exit 1; }
}

# The caller's open descriptors above 2 must not live on in the server daemon: Foundation's
# Process, for one, learns that its child exited when a socket it gave the child closes.
close_inherited_fds() {
    local fd
    for fd in /proc/$BASHPID/fd/*; do
        fd=${fd##*/}
        if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
}

as_server_user() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
    local bin dir
    bin=$(pgbin)
    [ -n "$bin" ] || { echo "cluster.sh: postgresql is not installed (Tests/pg/cluster.sh install)" >&2; exit 1; }
    dir=$(mktemp -d /tmp/gzq-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    fail() { echo "cluster.sh: the PostgreSQL server did not start; its logs:" >&2; cat "$dir"/*.log >&2 || true; rm -rf "$dir"; exit 1; }
    trap fail ERR
    # The default collation is ICU's Chinese (pinyin order, as on a server set up for a Chinese
    # office) where this PostgreSQL has ICU, so SQL that forgets COLLATE "C" sorts differently
    # from gzq's code-point order and the parity tests see it.
    local collation=()
    # (Not `initdb --help | grep -q`: with pipefail, grep's early exit can fail the pipe.)
    case "$("$bin/initdb" --help 2>/dev/null)" in *--locale-provider*) collation=(--locale-provider=icu --icu-locale=zh) ;; esac
    as_server_user "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 "${collation[@]}" --no-sync >"$dir/initdb.log" 2>&1
    (close_inherited_fds
     as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-c listen_addresses='' -p 5432 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null </dev/null)
    trap - ERR
    echo "export PGHOST=$dir PGPORT=5432 PGUSER=postgres PGDATABASE=postgres GZQ_PG_DIR=$dir GZQ_TEST_PG='host=$dir port=5432 user=postgres dbname=postgres'"
}

stop() {
    local dir=${1:?usage: cluster.sh stop DIR} bin
    bin=$(pgbin)
    case "$dir" in /tmp/gzq-pg.*) ;; *) echo "cluster.sh: refusing to remove '$dir'" >&2; exit 1 ;; esac
    [ -n "$bin" ] && as_server_user "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}

case "${1:-}" in
    install) install ;;
    start) start ;;
    stop) stop "${2:-}" ;;
    run)
        shift
        [ $# -gt 0 ] || { echo "usage: cluster.sh run CMD ARGS…" >&2; exit 2; }
        eval "$(start)"
        trap 'stop "$GZQ_PG_DIR"' EXIT
        status=0
        "$@" || status=$?
        exit $status
        ;;
    *) echo "usage: cluster.sh install | start | stop DIR | run CMD ARGS…" >&2; exit 2 ;;
esac
