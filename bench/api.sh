#!/usr/bin/env bash
# API throughput and latency with wrk from a second process, on SQLite and PostgreSQL.
# Usage: bench/api.sh [seconds per run, default 15]. Needs wrk (Debian package) and,
# for PostgreSQL, a server at $RAPPORT_TEST_POSTGRES_URL. RAPPORT_BIN=path measures that
# binary instead of building this checkout (an A/B against an older commit).
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/rapport-target}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
if [ -z "${RAPPORT_BIN:-}" ]; then cargo build --release -q -p rapport; fi
bin="${RAPPORT_BIN:-$CARGO_TARGET_DIR/release/rapport}"
admin_url="${RAPPORT_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
port=18480

run() { # backend database-url
  local backend=$1 url=$2 dir
  dir=$(mktemp -d)
  export RAPPORT_LOG=warn
  "$bin" --data-dir "$dir" --database-url "$url" user add --admin --name Bench --email bench@example.com >/dev/null
  token=$("$bin" --data-dir "$dir" --database-url "$url" token create --user bench@example.com 2>/dev/null)
  "$bin" --data-dir "$dir" --database-url "$url" client add --name Bench --time-zone Asia/Tokyo >/dev/null
  "$bin" --data-dir "$dir" --database-url "$url" serve --listen "127.0.0.1:$port" >/dev/null &
  server=$!
  for _ in $(seq 50); do curl -sf "127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  for connections in 64 8; do
    echo "## $backend: create (POST /api/v1/requests), $connections connections, ${duration}s"
    wrk -t1 -c"$connections" -d"${duration}s" --latency -s bench/create.lua -H "Authorization: Bearer $token" \
      "http://127.0.0.1:$port/api/v1/requests" | grep -E '50%|99%|Requests/sec|requests in|Non-2xx'
    echo "## $backend: list 50 (GET /api/v1/requests?limit=50), $connections connections, ${duration}s"
    wrk -t1 -c"$connections" -d"${duration}s" --latency -H "Authorization: Bearer $token" \
      "http://127.0.0.1:$port/api/v1/requests?limit=50" | grep -E '50%|99%|Requests/sec|requests in|Non-2xx'
  done
  kill "$server"; wait "$server" || true
  rm -rf "$dir"
}

run sqlite "sqlite://$(mktemp -d)/bench.db"
db="rapport_scratch_bench_$$"
psql "$admin_url" -qc "create database $db"
run postgres "${admin_url%/*}/$db"
psql "$admin_url" -qc "drop database $db"
