#!/usr/bin/env bash
# Mail ingestion throughput and memory: `rapport ingest` of generated multilingual mail
# from a Maildir (decoding included) into SQLite and PostgreSQL.
# Usage: bench/ingest.sh [messages, default 100000] [smaller size for the memory check, default 10000].
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
small=${2:-10000}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/rapport-target}"
if [ -z "${RAPPORT_BIN:-}" ]; then cargo build --release -q -p rapport; fi
bin="${RAPPORT_BIN:-$CARGO_TARGET_DIR/release/rapport}"
unset RAPPORT_BIN # the desk warns about RAPPORT_* variables it does not know
admin_url="${RAPPORT_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for size in "$small" "$n"; do python3 bench/make_maildir.py "$size" "$work/maildir-$size"; done

run() { # label database-url size
  local label=$1 url=$2 size=$3 dir
  dir=$(mktemp -d -p "$work")
  export RAPPORT_LOG=warn
  "$bin" --data-dir "$dir" --database-url "$url" client add --name ひかり --time-zone Asia/Tokyo --domain hikari.example.jp >/dev/null
  "$bin" --data-dir "$dir" --database-url "$url" client add --name 悦澜 --time-zone Asia/Shanghai --domain yuelan.example.cn >/dev/null
  "$bin" --data-dir "$dir" --database-url "$url" client add --name Cedarlane --time-zone America/New_York --domain cedarlane.example.com >/dev/null
  local start end summary
  start=$(date +%s.%N)
  summary=$(/usr/bin/time -f "%M" -o "$dir/rss" "$bin" --data-dir "$dir" --database-url "$url" --json ingest "$work/maildir-$size" | tr -d ' \n')
  end=$(date +%s.%N)
  python3 - "$label" "$size" "$start" "$end" "$(cat "$dir/rss")" "$summary" <<'PY'
import json, sys
label, size, start, end, rss, summary = sys.argv[1:]
seconds = float(end) - float(start)
print(f"{label:10} {int(size):>7} messages  {seconds:7.1f} s  {int(size) / seconds:7.0f} msg/s  peak RSS {int(rss) / 1024:6.1f} MB  {json.loads(summary)}")
PY
}

for size in "$small" "$n"; do
  run sqlite "sqlite://$(mktemp -d -p "$work")/bench.db" "$size"
  db="rapport_scratch_ingest_$$_$size"
  psql "$admin_url" -qc "create database $db"
  run postgres "${admin_url%/*}/$db" "$size"
  psql "$admin_url" -qc "drop database $db"
done
