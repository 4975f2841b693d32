#!/usr/bin/env bash
# Load run of the sender on loopback, sender and server in separate processes pinned to
# separate cores (taskset):
#
#  1. signed deliveries per second through `hooksign::send::Sender` beside a bare reqwest loop
#     with the same client settings, at 1 and 64 in flight (1 KiB JSON, Standard Webhooks, the
#     sender's full attempt record), with CPU per delivery of the sending process
#     (benches/send.rs in its load mode);
#  2. wrk against the same endpoint, same body, same core, 1 and 64 connections: the ceiling
#     of a client that neither signs nor records (when wrk is installed);
#  3. `hooksign batch` of 10,000 deliveries at concurrency 64, timed, every one verified and
#     deduplicated by the receiver example.
#
#   scripts/load-send.sh
#   COUNT=50000 ROUNDS=5 BATCH=10000 CONCURRENCY=64 scripts/load-send.sh
#
# Needs: taskset (util-linux), curl, python3; wrk for part 2. The server is the receiver example
# (`--bench` adds POST /bench/unverified, which parts 1 and 2 target, so that every client gets
# the same answer for the same work; part 3 targets the verifying /webhooks/standard-webhooks).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-39124}
COUNT=${COUNT:-20000}
ROUNDS=${ROUNDS:-3}
BATCH=${BATCH:-10000}
CONCURRENCY=${CONCURRENCY:-64}
SERVER_CPU=${SERVER_CPU:-1}
CLIENT_CPU=${CLIENT_CPU:-0}
SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
TARGET=${CARGO_TARGET_DIR:-target}

for tool in taskset curl python3; do
    command -v "$tool" >/dev/null || { echo "load-send.sh needs $tool" >&2; exit 1; }
done

# One feature set for the three builds, so the library is compiled once.
FEATURES=axum,cli,send
cargo build --quiet --release --example receiver --bin hooksign --features "$FEATURES"
BENCH=$(cargo bench --quiet --no-run --bench send --features "$FEATURES" --message-format json \
    | python3 -c '
import json, sys
for line in sys.stdin:
    try:
        msg = json.loads(line)
    except ValueError:
        continue
    if msg.get("reason") == "compiler-artifact" and msg["target"]["name"] == "send" and msg.get("executable"):
        print(msg["executable"])
')
[[ -x $BENCH ]] || { echo "cannot find the send bench executable" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
STANDARD_WEBHOOKS_SECRET=$SECRET taskset -c "$SERVER_CPU" "$TARGET/release/examples/receiver" \
    --port "$PORT" --quiet --bench >"$work/receiver.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
    curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
    sleep 0.1
done

echo "== sender vs bare reqwest (client on CPU $CLIENT_CPU, server on CPU $SERVER_CPU)"
SEND_LOAD_URL="http://127.0.0.1:$PORT/bench/unverified" SEND_LOAD_COUNT=$COUNT SEND_LOAD_ROUNDS=$ROUNDS \
    taskset -c "$CLIENT_CPU" "$BENCH"

echo
# The ceiling: wrk, a C load generator that neither signs nor records, against the same endpoint
# with the same 1 KiB body, on the same core, at the same numbers in flight.
if command -v wrk >/dev/null; then
    echo "== wrk against the same endpoint (CPU $CLIENT_CPU, ${WRK_DURATION:-5s} per run, 1 KiB body)"
    python3 - "$work/post.lua" <<'PY'
import json, sys
body = json.dumps({"type": "load", "padding": "x" * 990})
with open(sys.argv[1], "w") as f:
    f.write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n')
    f.write("wrk.body = " + json.dumps(body) + "\n")
PY
    for inflight in 1 64; do
        threads=1
        rps=$(taskset -c "$CLIENT_CPU" wrk -t"$threads" -c"$inflight" -d"${WRK_DURATION:-5s}" \
            -s "$work/post.lua" "http://127.0.0.1:$PORT/bench/unverified" | awk '/Requests\/sec/ {print $2}')
        printf 'wrk, %2d in flight: %s requests/s\n' "$inflight" "$rps"
    done
else
    echo "== wrk not installed (apt-get install wrk): no ceiling measured"
fi

echo
echo "== hooksign batch: $BATCH deliveries at concurrency $CONCURRENCY to /webhooks/standard-webhooks"
python3 - "$work/batch.jsonl" "$BATCH" "http://127.0.0.1:$PORT/webhooks/standard-webhooks" <<'PY'
import json, sys
path, n, url = sys.argv[1], int(sys.argv[2]), sys.argv[3]
padding = "x" * 960
with open(path, "w") as f:
    for i in range(n):
        f.write(json.dumps({"url": url, "provider": "standard-webhooks", "secret_env": "LOAD_SECRET",
                            "id": f"msg_load_{i}", "payload": {"type": "load", "n": i, "padding": padding}}) + "\n")
PY
before=$(curl -fsS "http://127.0.0.1:$PORT/stats")
start=$(date +%s.%N)
LOAD_SECRET=$SECRET taskset -c "$CLIENT_CPU" "$TARGET/release/hooksign" batch "$work/batch.jsonl" \
    --concurrency "$CONCURRENCY" --allow-private --failed-out "$work/failed.jsonl" >"$work/batch.out"
end=$(date +%s.%N)
tail -1 "$work/batch.out"
awk -v s="$start" -v e="$end" -v n="$BATCH" 'BEGIN {printf "wall clock %.2f s, %.0f deliveries/s\n", e - s, n / (e - s)}'
echo "receiver /stats before: $before"
echo "receiver /stats after:  $(curl -fsS "http://127.0.0.1:$PORT/stats")"
