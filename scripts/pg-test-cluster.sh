#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite (Debian's PostgreSQL 15).
#
#   scripts/pg-test-cluster.sh start DIR   initdb in DIR, start on 127.0.0.1 at a free port; prints the URL
#   scripts/pg-test-cluster.sh stop DIR    stop the server and delete DIR
#
# Runs as the `postgres` OS user when started as root (initdb refuses root). Listens on 127.0.0.1 only, with
# its unix socket inside DIR; fsync is off because the data is thrown away. The URL's user `huike` is what a
# real deployment looks like: not a superuser, owns the database, may create roles (migrations create
# huike_app) and databases (the two-process test makes its own).
set -euo pipefail

cmd=${1:-}
dir=${2:-}
[[ -n "$cmd" && -n "$dir" ]] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x "$d/initdb" ]] && { echo "$d"; return; }
  done
  command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return; }
  echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2
  exit 1
}
BIN=$(pg_bin)

as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
    port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
    as_pg "$BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    as_pg "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
      "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off \
       -c full_page_writes=off -c max_connections=200 -c shared_buffers=128MB" >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    as_pg "$BIN/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE huike LOGIN CREATEROLE CREATEDB PASSWORD 'huike'" \
      -c "CREATE DATABASE huike_test OWNER huike" >/dev/null
    echo "$port" >"$dir/port"
    echo "postgres://huike:huike@127.0.0.1:$port/huike_test"
    ;;
  stop)
    if [[ -d "$dir/data" ]]; then
      as_pg "$BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
