#!/usr/bin/env bash
# The accept path of `hooksign serve` under load (verify + deduplicate + enqueue + 202) beside
# the plain verified endpoint of the receiver example (verify + 200), 1 KiB GitHub deliveries,
# each request a new delivery id (X-GitHub-Delivery, which GitHub does not sign, so one signed
# body serves every request). The server under test runs on SERVER_CPUS (default 0), wrk on
# WRK_CPUS (default 1); rounds alternate. serve runs accept-only (`workers = 0`) on the memory
# queue, or with REDIS=1 on a local redis-server (pinned with wrk).
#
#   bash scripts/load-serve.sh            # 3 rounds of 10 s each
#   REDIS=1 DURATION=5s ROUNDS=5 bash scripts/load-serve.sh
#
# Prints requests/s and the server's CPU per request (user + system time over requests).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-32}
SERVER_CPUS=${SERVER_CPUS:-0}
WRK_CPUS=${WRK_CPUS:-1}
SECRET=load-test-secret
TARGET=${CARGO_TARGET_DIR:-target}
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v wrk >/dev/null; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
cargo build --quiet --release --bin hooksign --features serve,redis
cargo build --quiet --release --example receiver --features axum
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() { for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$1/health" >/dev/null 2>&1 && return; sleep 0.1; done; echo "port $1 did not come up" >&2; exit 1; }

redis_line=""
if [[ ${REDIS:-0} == 1 ]]; then
    rport=$(free_port)
    taskset -c "$WRK_CPUS" redis-server --port "$rport" --bind 127.0.0.1 --save "" --appendonly no >/dev/null &
    pids+=($!)
    sleep 0.5
    redis_line="redis = \"redis://127.0.0.1:$rport/\""
fi
sport=$(free_port)
cat >"$work/serve.toml" <<TOML
listen = "127.0.0.1:$sport"
$redis_line
[forward]
secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
workers = 0
[[route]]
path = "/webhooks/github"
provider = "github"
secret = "$SECRET"
forward_to = "http://127.0.0.1:9/events"
TOML
taskset -c "$SERVER_CPUS" "$TARGET/release/hooksign" serve --config "$work/serve.toml" 2>/dev/null &
serve_pid=$!; pids+=($serve_pid)
rcv_port=$(free_port)
GITHUB_WEBHOOK_SECRET=$SECRET taskset -c "$SERVER_CPUS" "$TARGET/release/examples/receiver" --port "$rcv_port" --quiet >/dev/null 2>&1 &
rcv_pid=$!; pids+=($rcv_pid)
wait_up "$sport"; wait_up "$rcv_port"

python3 - "$work/body.json" <<'PY'
import json, sys
body = {"action": "opened", "padding": ""}
s = json.dumps(body, separators=(",", ":"))
body["padding"] = "x" * (1024 - len(s))
open(sys.argv[1], "w").write(json.dumps(body, separators=(",", ":")))
PY
sig=$(openssl dgst -sha256 -hmac "$SECRET" -hex <"$work/body.json" | awk '{print $NF}')
cat >"$work/unique.lua" <<LUA
local f = io.open("$work/body.json", "rb")
local body = f:read("*a")
f:close()
local n = 0
-- Unique across threads and runs: each wrk thread has its own Lua state, seeded alike, so
-- the run's name and the thread's table address make the ids differ.
local thread_id = os.getenv("RUN") .. "-" .. tostring({}):sub(8)
request = function()
  n = n + 1
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["X-Hub-Signature-256"] = "sha256=$sig",
    ["X-GitHub-Event"] = "push",
    ["X-GitHub-Delivery"] = thread_id .. "-" .. n,
  }, body)
end
LUA

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)
run() { # name pid port path
    local t0 t1 out rps requests non2xx
    t0=$(ticks "$2")
    out=$(RUN="$1-$$" taskset -c "$WRK_CPUS" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -s "$work/unique.lua" "http://127.0.0.1:$3$4")
    t1=$(ticks "$2")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
    cpu=$(awk -v t="$((t1 - t0))" -v hz="$HZ" -v n="$requests" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')
    printf '%-22s %10s req/s  %6s us CPU/req  non-2xx: %s\n' "$1" "$rps" "$cpu" "${non2xx:-0}"
    echo "$cpu" >"$work/$1.cpu"; echo "$rps" >"$work/$1.rps"
}
echo "wrk -t1 -c$CONNECTIONS -d$DURATION x $ROUNDS rounds; servers on CPU $SERVER_CPUS, wrk on CPU $WRK_CPUS; queue: $([[ ${REDIS:-0} == 1 ]] && echo redis || echo memory)"
for round in $(seq "$ROUNDS"); do
    if ((round % 2)); then
        run "verified-$round" "$rcv_pid" "$rcv_port" /webhooks/github
        run "serve-accept-$round" "$serve_pid" "$sport" /webhooks/github
    else
        run "serve-accept-$round" "$serve_pid" "$sport" /webhooks/github
        run "verified-$round" "$rcv_pid" "$rcv_port" /webhooks/github
    fi
done
python3 - "$work" "$ROUNDS" <<'PY'
import sys, pathlib
w, rounds = pathlib.Path(sys.argv[1]), range(1, int(sys.argv[2]) + 1)
med = lambda xs: sorted(xs)[len(xs) // 2]
get = lambda kind, n, ext: med([float((w / f"{kind}-{i}.{ext}").read_text()) for i in rounds])
v, s = get("verified", 0, "cpu"), get("serve-accept", 0, "cpu")
vr, sr = get("verified", 0, "rps"), get("serve-accept", 0, "rps")
print(f"medians: plain verified {vr:.0f} req/s, {v:.1f} us CPU/req; serve accept {sr:.0f} req/s, {s:.1f} us CPU/req "
      f"(the queue and dedup add {s - v:.1f} us)")
PY
curl -fsS "http://127.0.0.1:$sport/stats"; echo
