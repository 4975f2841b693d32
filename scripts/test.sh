#!/usr/bin/env bash
# The whole test suite, on a fresh Debian machine with only Rust installed.
# Installs what the tests need (redis-server for the Redis store tests, cargo-fuzz to build and
# replay the fuzz corpora), then runs every test with every feature.
set -euo pipefail
cd "$(dirname "$0")/.."

# Line tables are enough for test backtraces, and without incremental state the target
# directory of the whole suite stays near a third of its default size (the suite links ~40
# test binaries with every feature; full debug info once filled the CI machine's disk).
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
export CARGO_PROFILE_DEV_DEBUG="${CARGO_PROFILE_DEV_DEBUG:-line-tables-only}"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v redis-server >/dev/null 2>&1; then
    echo "== installing redis-server"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi

echo "== cargo test (all features)"
cargo test --locked --all-features

echo "== fuzz targets: build and replay corpora"
bash fuzz/replay.sh
