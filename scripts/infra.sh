#!/usr/bin/env bash
# Local infrastructure: Redis and a MongoDB wire-protocol server.
#   scripts/infra.sh up       make both available, print REDIS_URL and MONGODB_URL (idempotent)
#   scripts/infra.sh down     stop only what this script started (pid files under .data/)
#   scripts/infra.sh status   say what answers
#   scripts/infra.sh env      print `export` lines for the URLs (after up)
#   scripts/infra.sh ferretdb-bin   print the path of the FerretDB binary, building it once
# REDIS_URL / MONGODB_URL, when set, are used as they are and nothing is started. FerretDB's backend is the
# PostgreSQL on 127.0.0.1:${OBP_POSTGRES_PORT:-5432}, or a private cluster started under .data/postgres when none
# answers there (FERRETDB_POSTGRESQL_URL names another; FERRETDB_HANDLER=sqlite chooses the slow SQLite backend).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${OBP_DATA_DIR:-$root/.data}"
mkdir -p "$data"
FERRETDB_VERSION=v1.24.2
FERRETDB_PORT="${FERRETDB_PORT:-27017}"
REDIS_PORT="${OBP_REDIS_PORT:-6379}"
log() { printf '[infra] %s\n' "$*" >&2; }

tcp_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

redis_up() {
  if [ -n "${REDIS_URL:-}" ]; then echo "$REDIS_URL"; return; fi
  if command -v redis-cli >/dev/null && redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
    echo "redis://127.0.0.1:$REDIS_PORT"; return
  fi
  if ! command -v redis-server >/dev/null; then
    [ "$(id -u)" = 0 ] || { log "redis-server is missing and we are not root: install Debian's redis-server"; exit 1; }
    log "installing redis-server (Debian)"
    (apt-get install -y redis-server >/dev/null 2>&1) || (apt-get update >/dev/null && apt-get install -y redis-server >/dev/null)
  fi
  mkdir -p "$data/redis"
  log "starting redis-server on 127.0.0.1:$REDIS_PORT"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$data/redis" \
    --pidfile "$data/redis.pid" --logfile "$data/redis.log" --maxmemory-policy noeviction \
    --save "" --appendonly yes >/dev/null
  for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
  echo "redis://127.0.0.1:$REDIS_PORT"
}

# `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` fetches and compiles the module, but the
# binary it makes panics at start: v1.x reads its version from build/version/version.txt, a file the module
# zip does not carry. So: let `go install` fetch (and cache) the module, then build the same source once more
# with that one file written. The result is cached in $data/bin.
ferretdb_bin() {
  local bin="${FERRETDB_BIN:-$data/bin/ferretdb-$FERRETDB_VERSION}"
  if [ -x "$bin" ]; then echo "$bin"; return; fi
  command -v go >/dev/null || { log "go is required to build FerretDB (or set MONGODB_URL)"; exit 1; }
  log "building FerretDB $FERRETDB_VERSION (first time only)"
  GOFLAGS=-mod=mod go install "github.com/FerretDB/FerretDB/cmd/ferretdb@$FERRETDB_VERSION" >&2
  local src build
  src="$(go env GOMODCACHE)/github.com/!ferret!d!b/!ferret!d!b@$FERRETDB_VERSION"
  build="$data/build/ferretdb"
  rm -rf "$build"; mkdir -p "$data/build" "$data/bin"
  cp -r "$src" "$build"; chmod -R u+w "$build"
  echo "$FERRETDB_VERSION" > "$build/build/version/version.txt"
  (cd "$build" && go build -o "$bin" ./cmd/ferretdb) >&2
  rm -rf "$build"
  echo "$bin"
}

PG_PORT="${OBP_POSTGRES_PORT:-5432}"
pg_answers() { command -v psql >/dev/null && psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc 'select 1' >/dev/null 2>&1; }
pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }  # initdb refuses root

# FerretDB's PostgreSQL: the one answering on 127.0.0.1:$PG_PORT, else a private cluster under $data/postgres
# started on that port (Debian's postgresql is installed first when it is missing and we are root). Prints its URL.
postgres_up() {
  if ! pg_answers; then
    local bindir dir="$data/postgres"
    bindir="$(pg_bindir)"
    if [ -z "$bindir" ]; then
      [ "$(id -u)" = 0 ] || { log "no PostgreSQL on 127.0.0.1:$PG_PORT and none installed: install Debian's postgresql (or choose FERRETDB_HANDLER=sqlite, much slower)"; exit 1; }
      log "installing postgresql (Debian)"
      (apt-get install -y postgresql >/dev/null 2>&1) || (apt-get update >/dev/null && apt-get install -y postgresql >/dev/null)
      bindir="$(pg_bindir)"
    fi
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"; chmod 700 "$dir"; [ "$(id -u)" = 0 ] && chown postgres: "$dir"
      log "creating a private PostgreSQL cluster in $dir"
      as_postgres "$bindir/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 >/dev/null
    fi
    log "starting the private PostgreSQL on 127.0.0.1:$PG_PORT"
    as_postgres "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=300" start >/dev/null
    echo "$dir" > "$data/postgres.private"
  fi
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "select 1 from pg_database where datname='ferretdb'" | grep -q 1 \
    || psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "create database ferretdb" >/dev/null
  # pool_max_conns: FerretDB 1.24 can deadlock when concurrent operations exhaust its PostgreSQL pool (an update
  # holds one connection while it waits for a second), so the pool is made wider than the platform's clients open
  # at once (each process's driver pool is capped at 10), within PostgreSQL's default 100 connections.
  echo "postgres://postgres@127.0.0.1:$PG_PORT/ferretdb?pool_max_conns=80"
}

stop_private_postgres() {
  local dir
  [ -f "$data/postgres.private" ] || return 0
  dir="$(cat "$data/postgres.private")"
  if [ -f "$dir/postmaster.pid" ]; then log "stopping the private PostgreSQL"; as_postgres "$(pg_bindir)/pg_ctl" -D "$dir" -m fast -w stop >/dev/null || true; fi
  rm -f "$data/postgres.private"
}

# FerretDB 1.24 answers every field filter, `_id` included, with a sequential scan of the collection's table (its
# `_jsonb->$1 @> $2` cannot use its own btree indexes): scripts/ferretdb-indexes.sql makes PostgreSQL plan with the
# field known and gives each single-field index a GIN twin that serves `@>` (decision 0008). Idempotent; needs a
# PostgreSQL superuser (the local one, or the private cluster).
ferretdb_pg_tune() {
  local url="${1%%\?*}"
  psql -q -v ON_ERROR_STOP=1 "$url" -f "$root/scripts/ferretdb-indexes.sql" >/dev/null 2>&1 \
    || log "could not install FerretDB's equality indexes on $url (needs a PostgreSQL superuser): look-ups will scan"
}

mongo_up() {
  if [ -n "${MONGODB_URL:-}" ]; then echo "$MONGODB_URL"; return; fi
  local url="mongodb://127.0.0.1:$FERRETDB_PORT"
  if pid_alive "$data/ferretdb.pid" || pid_alive "$data/mongod.pid"; then echo "$url"; return; fi
  if tcp_open 127.0.0.1 "$FERRETDB_PORT"; then
    log "a server already answers on 127.0.0.1:$FERRETDB_PORT; using it"; echo "$url"; return
  fi
  if command -v mongod >/dev/null; then
    mkdir -p "$data/mongod"
    log "starting mongod on 127.0.0.1:$FERRETDB_PORT"
    mongod --dbpath "$data/mongod" --bind_ip 127.0.0.1 --port "$FERRETDB_PORT" --fork \
      --pidfilepath "$data/mongod.pid" --logpath "$data/mongod.log" >/dev/null
  else
    local bin handler="${FERRETDB_HANDLER:-postgresql}" pg_url
    # Backend: PostgreSQL. FerretDB's SQLite backend scans whole collections for any filter other than _id
    # (measured here 37 ms per insert and 148 ms per indexed findOne, against 3.7 ms and 2.9 ms on PostgreSQL; a
    # 1,000-row batch times out on it), so SQLite is used only when FERRETDB_HANDLER=sqlite asks for it.
    bin="$(ferretdb_bin)"
    mkdir -p "$data/ferretdb"
    local args=(--handler="$handler" --listen-addr="127.0.0.1:$FERRETDB_PORT" --state-dir="$data/ferretdb"
      --telemetry=disable --debug-addr=- --log-level=ERROR --log-format=json)
    if [ "$handler" = sqlite ]; then args+=(--sqlite-url="file:$data/ferretdb/"); else
      pg_url="${FERRETDB_POSTGRESQL_URL:-$(postgres_up)}"
      ferretdb_pg_tune "$pg_url"
      args+=(--postgresql-url="$pg_url")
    fi
    log "starting FerretDB $FERRETDB_VERSION ($handler backend) on 127.0.0.1:$FERRETDB_PORT"
    nohup setsid "$bin" "${args[@]}" >>"$data/ferretdb.log" 2>&1 &
    echo $! > "$data/ferretdb.pid"
  fi
  for _ in $(seq 1 100); do tcp_open 127.0.0.1 "$FERRETDB_PORT" && break; sleep 0.1; done
  tcp_open 127.0.0.1 "$FERRETDB_PORT" || { log "MongoDB wire server did not start; see $data/*.log"; exit 1; }
  echo "$url"
}

stop_pid() {
  local f="$data/$1.pid"
  if pid_alive "$f"; then log "stopping $1"; kill "$(cat "$f")"; fi
  rm -f "$f"
}

case "${1:-up}" in
  up)
    r="$(redis_up)"; m="$(mongo_up)"
    printf 'REDIS_URL=%s\nMONGODB_URL=%s\n' "$r" "$m"
    ;;
  env)
    r="$(redis_up)"; m="$(mongo_up)"
    printf 'export REDIS_URL=%q\nexport MONGODB_URL=%q\n' "$r" "$m"
    ;;
  ferretdb-bin) ferretdb_bin ;;  # the FerretDB binary (built once), for tests that run one of their own
  down) stop_pid ferretdb; stop_pid mongod; stop_pid redis; stop_private_postgres ;;
  status)
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && echo "redis: up (127.0.0.1:$REDIS_PORT)" || echo "redis: down"
    tcp_open 127.0.0.1 "$FERRETDB_PORT" && echo "mongodb: up (127.0.0.1:$FERRETDB_PORT)" || echo "mongodb: down"
    ;;
  *) echo "usage: $0 up|down|status|env|ferretdb-bin" >&2; exit 2 ;;
esac
