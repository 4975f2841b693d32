#!/usr/bin/env bash
# What a queued job costs (issue 13's cost figures): starts a throwaway redis-server on a free
# port, runs examples/queue_costs.rs against it in release mode, and stops the server.
#   bash scripts/queue-costs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v redis-server >/dev/null || { echo "needs redis-server (apt-get install -y redis-server)" >&2; exit 2; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no >/dev/null &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
cargo run --quiet --release --example queue_costs --features queue,redis,send,axum -- "redis://127.0.0.1:$port/"
echo "redis-benchmark, the same server, SET with 16 pipelined (the store's begin is one SET):"
redis-benchmark -p "$port" -t set -n 20000 -P 16 -c 1 -q | tr '\r' '\n' | grep -v '^$' | tail -1
