#!/usr/bin/env bash
# Load run of the receiver example with wrk on loopback: a verified endpoint beside the same
# endpoint without verification and a control endpoint that computes only a bare HMAC-SHA256
# of the body, 1 KiB signed bodies. The receiver and wrk are pinned to different cores
# (taskset: SERVER_CPUS, default 0; WRK_CPUS, default 1), so wrk does not take the server's
# CPU, and the figure that matters is the server's CPU per request.
#
#   scripts/load.sh                      # 3 rounds of 10 s per endpoint, 2 threads, 32 connections
#   DURATION=30s CONNECTIONS=64 ROUNDS=5 scripts/load.sh
#
# Needs: wrk, openssl (Debian: apt-get install wrk openssl). Prints requests/s per endpoint,
# the ratio verified/unverified, wrk's non-2xx count, and the receiver's RSS before and after.
#
# "Unverified" is the receiver's `POST /bench/unverified` (`--bench`): the same handler work
# (body read under a limit, log line, `processed` count, same answer) without verification.
# The two endpoints alternate, in both orders, so that drift on a shared machine affects both
# alike.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-39123}
SECRET=load-test-secret
TARGET=${CARGO_TARGET_DIR:-target}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v wrk >/dev/null; then
    echo "== installing wrk" >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
for tool in wrk openssl taskset; do
    command -v "$tool" >/dev/null || { echo "load.sh needs $tool" >&2; exit 1; }
done
SERVER_CPUS=${SERVER_CPUS:-0}
WRK_CPUS=${WRK_CPUS:-1}

# RECEIVER=path/to/receiver compares another build (e.g. of another commit) instead.
if [[ -z ${RECEIVER:-} ]]; then
    cargo build --quiet --release --example receiver --features axum
    RECEIVER=$TARGET/release/examples/receiver
fi
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

GITHUB_WEBHOOK_SECRET=$SECRET taskset -c "$SERVER_CPUS" "$RECEIVER" --port "$PORT" --quiet --bench \
    >"$work/receiver.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
    curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
    sleep 0.1
done

# A 1 KiB JSON body and its GitHub signature.
python3 - "$work/body.json" <<'PY'
import json, sys
body = {"action": "opened", "zen": "", "padding": ""}
s = json.dumps(body, separators=(",", ":"))
body["padding"] = "x" * (1024 - len(s))
out = json.dumps(body, separators=(",", ":"))
assert len(out) == 1024, len(out)
open(sys.argv[1], "w").write(out)
PY
sig=$(openssl dgst -sha256 -hmac "$SECRET" -hex <"$work/body.json" | awk '{print $NF}')

# $1: script name, $2: extra header lines (Lua)
lua() {
    cat >"$work/$1.lua" <<LUA
local f = io.open("$work/body.json", "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Hub-Signature-256"] = "sha256=$sig"
wrk.headers["X-GitHub-Event"] = "push"
$2
LUA
}
lua plain ""
lua dedup 'wrk.headers["X-GitHub-Delivery"] = "load-delivery-1"'

rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$pid/status"; }
# The receiver's CPU time (user + system) in clock ticks: CPU per request is steadier than
# requests/s on a machine where other work competes for the cores.
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
HZ=$(getconf CLK_TCK)
# The whole machine's process time (user, nice, system; and steal, time the hypervisor gave
# to others) in clock ticks, and the CPU time of this script's finished children (wrk above
# all) in seconds: what is left is other work competing for the cores, which makes a run's
# numbers suspect. (Interrupt time, where loopback TCP is mostly processed, is left out: the
# kernel charges it to no process.)
busy() { awk '/^cpu / {print $2 + $3 + $4 + $9}' /proc/stat; }
children_secs() { # in this shell, not a subshell: `times` reports the caller's children
    times >"$work/times"
    awk 'NR == 2 {
        n = split($1 " " $2, t, /[ ms]+/); s = 0
        for (i = 1; i + 1 <= n; i += 2) s += t[i] * 60 + t[i + 1]
        print s
    }' "$work/times"
}

run() { # name path script
    local out t0 t1 b0 b1 c0 c1 start end
    children_secs >"$work/c0"
    t0=$(ticks) b0=$(busy) start=$(date +%s.%N)
    out=$(taskset -c "$WRK_CPUS" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$work/$3.lua" "http://127.0.0.1:$PORT$2")
    t1=$(ticks) b1=$(busy) end=$(date +%s.%N)
    children_secs >"$work/c1"
    c0=$(<"$work/c0") c1=$(<"$work/c1")
    local rps non2xx requests cpu_us other
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    cpu_us=$(awk -v t="$((t1 - t0))" -v hz="$HZ" -v n="$requests" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')
    other=$(awk -v b="$((b1 - b0))" -v t="$((t1 - t0))" -v c="$c1" -v c0="$c0" -v hz="$HZ" \
        -v s="$start" -v e="$end" 'BEGIN {o = (b - t) / hz - (c - c0); printf "%.2f", (o < 0 ? 0 : o) / (e - s)}')
    printf '%-20s %10s req/s  %6s us CPU/req  non-2xx: %s  RSS after: %s  other load: %s cores\n' \
        "$1" "$rps" "$cpu_us" "${non2xx:-0}" "$(rss)" "$other"
    echo "$rps" >"$work/$1.rps"
    echo "$cpu_us" >"$work/$1.cpu"
}

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION x $ROUNDS rounds, 1 KiB bodies, receiver pid $pid on CPU $SERVER_CPUS, wrk on CPU $WRK_CPUS"
echo "RSS before: $(rss)"
# Warm up (allocator, connection pools), then alternate so drift affects both sides alike.
taskset -c "$WRK_CPUS" wrk -t"$THREADS" -c"$CONNECTIONS" -d2s -s "$work/plain.lua" "http://127.0.0.1:$PORT/webhooks/github" >/dev/null
for round in $(seq "$ROUNDS"); do
    # Rotate the order each round, so that drift affects every endpoint alike.
    case $((round % 3)) in
        1) order="unverified hmac verified" ;;
        2) order="hmac verified unverified" ;;
        0) order="verified unverified hmac" ;;
    esac
    for endpoint in $order; do
        case $endpoint in
            unverified) run "unverified-$round" /bench/unverified plain ;;
            hmac) run "hmac-$round" /bench/hmac plain ;;
            verified) run "verified-$round" /webhooks/github plain ;;
        esac
    done
done
run verified-duplicate /webhooks/github dedup
echo "RSS after: $(rss)"
python3 - "$work" "$ROUNDS" <<'PY'
import sys, pathlib
w, rounds = pathlib.Path(sys.argv[1]), range(1, int(sys.argv[2]) + 1)
r = lambda n: float((w / f"{n}.rps").read_text())
c = lambda n: float((w / f"{n}.cpu").read_text())
u = sum(r(f"unverified-{i}") for i in rounds) / len(rounds)
v = sum(r(f"verified-{i}") for i in rounds) / len(rounds)
per_round = ", ".join(f"{100 * r(f'verified-{i}') / r(f'unverified-{i}'):.1f}" for i in rounds)
print(f"verified / unverified: {v:.0f} / {u:.0f} = {100 * v / u:.1f} %  (target >= 90 %; per round: {per_round})")
print(f"verified duplicate (store hit) / unverified: {100 * r('verified-duplicate') / u:.1f} %")
med = lambda xs: sorted(xs)[len(xs) // 2]
cu = med([c(f"unverified-{i}") for i in rounds])
cv = med([c(f"verified-{i}") for i in rounds])
ch = med([c(f"hmac-{i}") for i in rounds])
print(f"server CPU per request (medians): verified {cv:.1f} us, bare HMAC {ch:.1f} us, unverified {cu:.1f} us")
added_v, added_h = cv - cu, ch - cu
ratio = added_v / added_h if added_h > 0 else float("inf")
print(f"added over unverified: verification {added_v:.2f} us, bare HMAC {added_h:.2f} us: "
      f"{ratio:.2f}x (target <= 1.25x)")
per = ", ".join(f"{c(f'verified-{i}') - c(f'unverified-{i}'):.2f}/{c(f'hmac-{i}') - c(f'unverified-{i}'):.2f}" for i in rounds)
print(f"per round (verification/bare HMAC added us): {per}")
PY
curl -fsS "http://127.0.0.1:$PORT/stats"; echo
