#!/usr/bin/env bash
# The proactive engine's jobs at scale: the desk of bench/scale.sql (10,000 clients,
# 1,000,000 requests, 120,000 of them open) with a first client message on every open
# request and our reply on two in three, every engagement held to an SLA policy and no
# SLA standing read yet. Times `rapport jobs run` three times: the first round (every open
# request's clocks read once, every job due), five minutes later (every request counts as
# changed within the sweep's margin of an hour, since the fill wrote them all at once) and
# two hours later (only the clocks past their moment). Prints each job's time from the
# round's JSON.
# Usage: bench/sweep.sh [postgres|sqlite, default postgres]. Needs a PostgreSQL server at
# $RAPPORT_TEST_POSTGRES_URL or the sqlite3 shell.
set -euo pipefail
cd "$(dirname "$0")/.."
backend=${1:-postgres}
source bench/scale.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/rapport-target}"
if [ -z "${RAPPORT_BIN:-}" ]; then cargo build --release -q -p rapport; fi
bin="${RAPPORT_BIN:-$CARGO_TARGET_DIR/release/rapport}"
unset RAPPORT_BIN
export RAPPORT_LOG=warn
scratch_desk "$backend" sweep
desk() { "$bin" --data-dir "$dir" --database-url "$url" "$@"; }

desk migrate >/dev/null
desk user add --name "Agent 1" --email agent1@example.com >/dev/null
echo "filling ($backend): 50 people, 10,000 clients, 1,000,000 requests ..." >&2
fill_scale "$url"
now=$(scale_query "$url" "select max(updated_at) from requests")
scale_query "$url" "
  insert into messages (request_id, direction, channel, author, body, is_final, sent_at, created_at, updated_at)
    select id, 'inbound', 'email', 'client', 'Could you look at this?', false, received_at, $now, $now
    from requests where state <> 'closed';
  insert into messages (request_id, direction, channel, author, body, is_final, sent_at, created_at, updated_at)
    select id, 'outbound', 'email', 'Agent', 'On it.', false, received_at + 7200000, $now, $now
    from requests where state <> 'closed' and id % 3 <> 0;
  delete from sla_clocks;
  update engagements set sla_policy_id = 'Standard';
  analyze;" >/dev/null
desk sla add --name Standard --first-response 4h --next-response 8h --resolution 5d >/dev/null
at=$(date -u -d "@$(( now / 1000 ))" +%Y-%m-%dT%H:%M:%SZ)
later=$(date -u -d "@$(( now / 1000 + 300 ))" +%Y-%m-%dT%H:%M:%SZ)
hours=$(date -u -d "@$(( now / 1000 + 7200 ))" +%Y-%m-%dT%H:%M:%SZ)
for round in "first:$at" "five minutes later:$later" "two hours later:$hours"; do
  start=$(date +%s.%N)
  json=$(desk --json jobs run --now "${round#*:}")
  took=$(echo "$(date +%s.%N) - $start" | bc)
  echo "## ${round%%:*} ($backend): ${took} s in all"
  echo "$json" | python3 -c '
import json, sys
r = json.load(sys.stdin)
for t in r.get("timings", []):
    print("| %s | %s ms |" % (t["job"], t["millis"]))
print("notified %s, breaches %s, failed %s" % (r["notified"], r["breaches"], r["failed"]))'
done
