#!/usr/bin/env bash
# A throwaway PostgreSQL 15 on 127.0.0.1 for trying live datasets by hand, as the tests start
# theirs (tests/support/PgTestServer): data and socket in DIR, trust authentication, a free
# port, pg_stat_statements loaded.
#
#   scripts/postgres-server.sh start DIR   # prints "url=postgresql://postgres@127.0.0.1:PORT/postgres"
#   scripts/postgres-server.sh stop DIR
#
# The server refuses to run as root: run as root, initdb and pg_ctl run as the postgres user.
set -euo pipefail

action=${1:-}
dir=${2:-}
bin=${CAMPAIGNLENS_PG_BINDIR:-/usr/lib/postgresql/15/bin}
if [ -z "$action" ] || [ -z "$dir" ]; then
    echo "usage: $0 start|stop DIR" >&2
    exit 2
fi

as_server_user() {
    if [ "$(id -u)" -eq 0 ]; then
        su postgres -s /bin/sh -c "$*"
    else
        sh -c "$*"
    fi
}

if [ "$action" = stop ]; then
    as_server_user "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop" > /dev/null
    exit 0
fi
[ "$action" = start ] || { echo "$0: unknown action '$action'" >&2; exit 2; }
[ -x "$bin/initdb" ] ||
    { echo "$0: PostgreSQL 15 is not installed (Debian package postgresql-15)" >&2; exit 1; }

mkdir -p "$dir/data" "$dir/sock"
chmod 755 "$dir"
[ "$(id -u)" -eq 0 ] && chown -R postgres "$dir/data" "$dir/sock"
as_server_user "'$bin/initdb' -D '$dir/data' -A trust -U postgres -E UTF8 --locale=C.UTF-8" > /dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_server_user "'$bin/pg_ctl' -D '$dir/data' -l '$dir/data/log' -w start -o \
    '-p $port -k $dir/sock -c listen_addresses=127.0.0.1 -c shared_preload_libraries=pg_stat_statements'" \
    > /dev/null
echo "url=postgresql://postgres@127.0.0.1:$port/postgres"
