#!/usr/bin/env bash
# Server-side page times of the web desk, signed in, one connection, wrk from a second
# process: at the demo size (`serve --demo`, SQLite) and at scale (bench/scale.sql on
# PostgreSQL: 10,000 clients, 1,000,000 requests; as an agent of 200 clients and as an
# admin who sees all of them).
# Usage: bench/pages.sh [seconds per page, default 5]. Needs wrk and a PostgreSQL server
# at $RAPPORT_TEST_POSTGRES_URL.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/scale.sh
duration=${1:-5}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/rapport-target}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
if [ -z "${RAPPORT_BIN:-}" ]; then cargo build --release -q -p rapport; fi
bin="${RAPPORT_BIN:-$CARGO_TARGET_DIR/release/rapport}"
admin_url="${RAPPORT_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
db="rapport_scratch_pages_$$"
url="${admin_url%/*}/$db"
demo_dir=$(mktemp -d)
dir=$(mktemp -d)
export RAPPORT_LOG=warn
password="tall-cedar-lantern-7"
trap 'kill ${demo:-} ${server:-} 2>/dev/null || true; psql "$admin_url" -qc "drop database if exists $db" >/dev/null; rm -rf "$dir" "$demo_dir"' EXIT

# Signs in to the desk at $1 as $2 with $3; prints the session cookie's value.
sign_in() {
  local jar
  jar=$(mktemp)
  local csrf
  csrf=$(curl -sf -c "$jar" "$1/sign-in" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  curl -sf -b "$jar" -c "$jar" -o /dev/null "$1/sign-in" --data-urlencode "email=$2" \
    --data-urlencode "password=$3" --data-urlencode "csrf=$csrf" --data-urlencode "next=/today"
  awk '$6 == "rapport_session" { print $7 }' "$jar"
  rm -f "$jar"
}

# Drives each path with wrk and prints a table row: path, size, p50, p90, p99, requests/s.
measure() {
  local base=$1 cookie=$2
  shift 2
  for path in "$@"; do
    local size
    size=$(curl -sf -H "Cookie: rapport_session=$cookie" "$base$path" | wc -c)
    wrk -t1 -c1 -d"${duration}s" --latency -H "Cookie: rapport_session=$cookie" "$base$path" |
      awk -v path="$path" -v size="$size" '
        /^ +50%/ { p50 = $2 } /^ +90%/ { p90 = $2 } /^ +99%/ { p99 = $2 }
        /Requests\/sec/ { rps = $2 } /Non-2xx/ { bad = $0 }
        END { printf "| `%s` | %d KB | %s | %s | %s | %s |%s\n", path, size / 1024, p50, p90, p99, rps, bad ? " " bad : "" }'
  done
}

header() {
  echo
  echo "## $1"
  echo "| page | size | p50 | p90 | p99 | requests/s |"
  echo "|---|---|---|---|---|---|"
}

"$bin" --data-dir "$demo_dir" serve --demo --no-jobs --listen 127.0.0.1:18491 >/dev/null &
demo=$!
for _ in $(seq 100); do curl -sf 127.0.0.1:18491/healthz >/dev/null && break; sleep 0.1; done
cookie=$(sign_in http://127.0.0.1:18491 admin@demo.rapport.example "$(cat "$demo_dir/demo-password")")
header "demo desk (SQLite), as its admin"
measure http://127.0.0.1:18491 "$cookie" /today /inbox /requests/1 /clients/1 /settings

psql "$admin_url" -qc "create database $db"
"$bin" --data-dir "$dir" --database-url "$url" migrate >/dev/null
echo "$password" | "$bin" --data-dir "$dir" --database-url "$url" user add --name "Agent 1" \
  --email agent1@example.com --password-file - >/dev/null
echo "filling: 50 people, 10,000 clients, 1,000,000 requests ..." >&2
fill_scale "$url"
# A thread to read on the request page: the agent's newest request gets client mail.
request=$(psql "$url" -Atc "select max(id) from requests where assignee_id = 1")
for body in "来週の金曜日までにお見積りをお願いします。部長会議で使います。至急です。" \
            "Could you send the revised deck by Thursday noon? Our CEO presents it to the board." \
            "双十一前请把投放方案发给我们，老板要看。"; do
  "$bin" --data-dir "$dir" --database-url "$url" request message "$request" --direction inbound \
    --author "client@example.com" --body "$body" >/dev/null
done
"$bin" --data-dir "$dir" --database-url "$url" user add --admin --name Admin --email admin@example.com \
  --password-file <(echo "$password") >/dev/null
"$bin" --data-dir "$dir" --database-url "$url" serve --no-jobs --listen 127.0.0.1:18492 >/dev/null &
server=$!
for _ in $(seq 100); do curl -sf 127.0.0.1:18492/healthz >/dev/null && break; sleep 0.1; done
cookie=$(sign_in http://127.0.0.1:18492 agent1@example.com "$password")
client=$(psql "$url" -Atc "select min(client_id) from client_members where user_id = 1")
header "1,000,000 requests (PostgreSQL), as an agent of 200 clients"
measure http://127.0.0.1:18492 "$cookie" "/today?mine=true" /today /inbox "/inbox?state=resolved" \
  "/inbox?urgency=urgent" "/inbox?sort=due&due=week" "/requests/$request" "/clients/$client" /settings
cookie=$(sign_in http://127.0.0.1:18492 admin@example.com "$password")
header "1,000,000 requests (PostgreSQL), as an admin who sees all 10,000 clients"
measure http://127.0.0.1:18492 "$cookie" /inbox "/inbox?state=resolved" "/requests/$request" "/clients/$client" /settings
