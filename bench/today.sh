#!/usr/bin/env bash
# Today for one person at scale: 10,000 clients, 1,000,000 requests, 50 people, with
# promises, materials, SLA standings, cadences and postures (bench/scale.sql); then
# GET /api/v1/today?user=ID with wrk from a second process, and the query plans.
# Usage: bench/today.sh [seconds per run, default 10] [postgres|sqlite, default postgres].
# Needs wrk, and a PostgreSQL server at $RAPPORT_TEST_POSTGRES_URL or the sqlite3 shell.
# PLANS=1 also prints the query plans.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
backend=${2:-postgres}
source bench/scale.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/rapport-target}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
if [ -z "${RAPPORT_BIN:-}" ]; then cargo build --release -q -p rapport; fi
bin="${RAPPORT_BIN:-$CARGO_TARGET_DIR/release/rapport}"
unset RAPPORT_BIN # the desk warns about RAPPORT_* variables it does not know
port=18481
export RAPPORT_LOG=warn
scratch_desk "$backend" today

"$bin" --data-dir "$dir" --database-url "$url" migrate >/dev/null
"$bin" --data-dir "$dir" --database-url "$url" user add --name "Agent 1" --email agent1@example.com >/dev/null
token=$("$bin" --data-dir "$dir" --database-url "$url" token create --user agent1@example.com 2>/dev/null)

echo "filling ($backend): 50 people, 10,000 clients, 1,000,000 requests ..."
start=$(date +%s)
fill_scale "$url"
echo "filled in $(( $(date +%s) - start )) s"

"$bin" --data-dir "$dir" --database-url "$url" serve --no-jobs --listen "127.0.0.1:$port" >/dev/null &
server=$!
for _ in $(seq 100); do curl -sf "127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
items=$(curl -sf -H "Authorization: Bearer $token" "127.0.0.1:$port/api/v1/today?user=1" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
echo "## Today for one person (GET /api/v1/today?user=1): $items lines, 1 connection, ${duration}s"
wrk -t1 -c1 -d"${duration}s" --latency -H "Authorization: Bearer $token" \
  "http://127.0.0.1:$port/api/v1/today?user=1" | grep -E '50%|90%|99%|Requests/sec|requests in|Non-2xx'
if [ -n "${PLANS:-}" ]; then
  echo "## query plans"
  explain="explain analyze"
  [ "$backend" = sqlite ] && explain="explain query plan"
  for query in "select * from commitments where owner_id = 1 and done_at is null order by due_at, id" \
               "select * from requests where state = 'resolved' and assignee_id = 1 order by id desc limit 500" \
               "select name, run_at from jobs where run_at <= 0 and (lease_until is null or lease_until < 0) order by run_at, name limit 1"; do
    scale_query "$url" "$explain $query"
  done
fi
