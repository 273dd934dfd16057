#!/usr/bin/env bash
# A private PostgreSQL cluster for the integration tests of replicas, under target/: created fresh by "init", then
# "stop" and "start" (the tests stop it for a moment under load), "stop" at the end of the build, which first dumps
# the data into logs/, where the secret scan reads it with the server's log.
# Usage: cluster.sh init|start|stop|dump-and-stop <directory> <port>
set -euo pipefail
command=$1 dir=$2 port=$3

bindir=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) "$(dirname "$(command -v initdb 2>/dev/null || echo /)")"; do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then bindir=$candidate; break; fi
done
if [ -z "$bindir" ]; then
    echo "PostgreSQL is needed by the integration tests of replicas: apt-get install postgresql (README: Two commands)" >&2
    exit 1
fi

# PostgreSQL refuses to run as root: then the cluster belongs to the postgres user the package creates.
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

data="$dir/data"
pg_ctl() {
    as_owner "$bindir/pg_ctl" -D "$data" "$@"
}

case "$command" in
init)
    if [ -f "$data/postmaster.pid" ]; then pg_ctl -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir" && mkdir -p "$dir/logs"
    # The password of the tests' database user, read by the tests; the secret scan looks for it in every log.
    head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$dir/password"
    if [ "$(id -u)" = 0 ]; then chown -R postgres "$dir"; fi
    chmod 700 "$dir"
    as_owner "$bindir/initdb" -D "$data" -U agenthost --pwfile="$dir/password" --auth=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log"
    cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
max_connections = 200
CONF
    pg_ctl -l "$dir/logs/server.log" -w start >/dev/null
    as_owner env PGPASSWORD="$(cat "$dir/password")" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U agenthost agenthost
    # The tests read the password as the build's user.
    chmod 755 "$dir" "$dir/logs" && chmod 644 "$dir/password"
    echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') for the tests on 127.0.0.1:$port"
    ;;
start)
    pg_ctl -l "$dir/logs/server.log" -w start >/dev/null
    ;;
stop)
    if [ -f "$data/postmaster.pid" ]; then pg_ctl -m fast -w stop >/dev/null; fi
    ;;
dump-and-stop)
    if [ -f "$data/postmaster.pid" ]; then
        as_owner env PGPASSWORD="$(cat "$dir/password")" "$bindir/pg_dump" -h 127.0.0.1 -p "$port" -U agenthost \
            --data-only agenthost >"$dir/logs/dump.sql" || true
        pg_ctl -m fast -w stop >/dev/null
    fi
    ;;
*)
    echo "usage: cluster.sh init|start|stop|dump-and-stop <directory> <port>" >&2
    exit 2
    ;;
esac
