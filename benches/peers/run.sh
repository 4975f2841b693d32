#!/usr/bin/env bash
# Builds and runs the peers benchmark and prints its tables (markdown) on stdout.
#
#   benches/peers/run.sh                 # everything, ~2-3 minutes once built
#   PEERS_ONLY=stripe benches/peers/run.sh
#   PEERS_ROUNDS=51 PEERS_BATCH_MS=8 benches/peers/run.sh
#
# CARGO_TARGET_DIR is honoured (default: benches/peers/target).
set -euo pipefail
cd "$(dirname "$0")"
if ! cargo build --release --locked --quiet >&2; then
    # The peers are pinned with `=` in Cargo.toml; a stale lock means hooksign's own
    # dependencies moved.
    echo "run.sh: building without --locked (Cargo.lock is stale?)" >&2
    cargo build --release --quiet >&2
fi
bin="${CARGO_TARGET_DIR:-target}/release/hooksign-peers"
echo "<!-- $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(rustc --version), hooksign $(git -C ../.. rev-parse --short HEAD 2>/dev/null || echo '?') -->"
"$bin"
