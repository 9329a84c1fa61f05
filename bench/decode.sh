#!/usr/bin/env bash
# `rapport decode --jsonl` throughput and memory over a generated stream of client
# messages (the demo desk's inbound mails, cycled) of the given size in MB (default 200).
# Needs /usr/bin/time (Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes=${1:-200}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/rapport-target}"
cargo build --release -q -p rapport
bin="$CARGO_TARGET_DIR/release/rapport"
stream() {
  python3 - "$megabytes" <<'PY'
import json, sys, itertools
desk = json.load(open("crates/rapport/demo/desk.json"))
zones = {c["key"]: c["time_zone"] for c in desk["clients"]}
mails = [(m["body"], zones[c["key"]]) for c in desk["clients"] for r in c["requests"] for m in r["messages"] if m["direction"] == "inbound"]
limit = int(sys.argv[1]) * 1_000_000
written = 0
out = sys.stdout
for n, (text, tz) in enumerate(itertools.cycle(mails)):
    line = json.dumps({"id": n, "text": text, "sent_at": "2026-11-24T10:00:00Z", "tz": tz}, ensure_ascii=False)
    out.write(line + "\n")
    written += len(text.encode())
    if written >= limit:
        break
sys.stderr.write(f"{n + 1} messages, {written / 1e6:.1f} MB of message text\n")
PY
}
stream > /tmp/rapport-decode-bench.jsonl
/usr/bin/time -f "wall %e s, max RSS %M KB" "$bin" decode --jsonl /tmp/rapport-decode-bench.jsonl > /dev/null
rm -f /tmp/rapport-decode-bench.jsonl /tmp/rapport-decode-bench.fifo.py
