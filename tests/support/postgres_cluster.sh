#!/usr/bin/env bash
# A real PostgreSQL for the test run, unprivileged and private: `start FILE` makes a cluster in a
# new folder under /tmp (initdb: trust, UTF-8, C locale; as the `postgres` user when run as root,
# since initdb refuses root), starts it with pg_ctl on a random port with its socket in that folder
# and no TCP listener, and writes "FOLDER PORT" into FILE. `stop FILE` stops it and removes the
# folder. ctest runs these as the `postgres` fixture around the tests that need it; no system
# service is touched. Durability is off (fsync) — the cluster lives for one test run — unless
# `start FILE durable` (the benchmark: the same guarantees the hub's SQLite has, fsync on).
# For fault tests on a cluster of their own: `restart FILE` (pg_ctl restart -m fast), `freeze FILE`
# and `thaw FILE` (SIGSTOP / SIGCONT to the postmaster and every backend).
set -euo pipefail
cmd=$1
file=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "no PostgreSQL server binaries (apt-get install postgresql-15)" >&2; exit 1; }
as=()
case "$cmd" in
  start)
    dir=$(mktemp -d /tmp/kiosk-test-pg.XXXXXX)
    chmod 0755 "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; as=(runuser -u postgres --); fi
    "${as[@]}" "$bin/initdb" -D "$dir/data" -A trust -U kiosk_test -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    port=$((20000 + RANDOM % 40000))
    fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${3:-}" = durable ] && fast=""
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses='' $fast -c max_connections=500" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "$dir $port" >"$file"
    echo "PostgreSQL running in $dir, socket port $port"
    ;;
  stop)
    [ -f "$file" ] || exit 0
    read -r dir port <"$file"
    if [ "$(id -u)" -eq 0 ]; then as=(runuser -u postgres --); fi
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir" "$file"
    ;;
  restart)  # what a fail-over or a maintenance restart does to the hubs on it: every session ends
    read -r dir port <"$file"
    if [ "$(id -u)" -eq 0 ]; then as=(runuser -u postgres --); fi
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 60 restart >/dev/null
    ;;
  freeze|thaw)  # every process of the cluster stopped (SIGSTOP) or let go on: a server that hangs
    read -r dir port <"$file"
    postmaster=$(head -n 1 "$dir/data/postmaster.pid")
    signal=STOP
    [ "$cmd" = thaw ] && signal=CONT
    kill -s "$signal" "$postmaster" $(pgrep -P "$postmaster" || true)
    ;;
  *) echo "usage: $0 start|stop|restart|freeze|thaw FILE" >&2; exit 2 ;;
esac
