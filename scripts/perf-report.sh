#!/usr/bin/env bash
# Every performance figure the README quotes, measured in one sitting and written out:
#
#   1. benches/peers/run.sh, twice back to back (the second run shows the noise);
#   2. scripts/load.sh, three times (receiver and wrk pinned to separate cores), and
#      scripts/load-icount.sh twice (the same question in instructions per request);
#   3. scripts/load-send.sh (the sender beside bare reqwest and wrk, `hooksign batch`);
#   4. scripts/queue-costs.sh (queue cycles, Redis round trips, the store beside
#      redis-benchmark).
#
# The raw outputs go to target/perf/ (or PERF_DIR); PERFORMANCE.md is regenerated from them
# (every table, with the command that produced it), and so is the README's "Performance"
# section, between its `perf-report` markers.
#
#   bash scripts/perf-report.sh              # everything: ~25 minutes once built
#   SKIP=send,queue bash scripts/perf-report.sh
#   REPORT_ONLY=1 bash scripts/perf-report.sh  # rewrite the markdown from the last outputs
#   PEERS_TARGET_DIR=/big/disk bash scripts/perf-report.sh  # where the peers project builds
#
# Run it on a quiet machine: the peers harness interleaves its cases, but load from other
# processes still widens the spread between the two peers runs. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${PERF_DIR:-target/perf}
mkdir -p "$out"
skip=",${SKIP:-},"

step() { # name command...
    local name=$1
    shift
    if [[ $skip == *",$name,"* ]]; then
        echo "== $name: skipped" >&2
        return
    fi
    echo "== $name: $*" >&2
    "$@" >"$out/$name.out.tmp"
    mv "$out/$name.out.tmp" "$out/$name.out"
}

if [ -z "${REPORT_ONLY:-}" ]; then
    : >"$out/when"
    echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(rustc --version), hooksign $(git rev-parse --short HEAD)" >"$out/when"
    # The peers project has its own (large) target directory: PEERS_TARGET_DIR, or its default.
    peers_target=${PEERS_TARGET_DIR:-$PWD/benches/peers/target}
    step peers-1 env CARGO_TARGET_DIR="$peers_target" bash benches/peers/run.sh
    step peers-2 env CARGO_TARGET_DIR="$peers_target" bash benches/peers/run.sh
    for i in 1 2 3; do
        step "load-$i" env DURATION="${LOAD_DURATION:-10s}" ROUNDS=3 bash scripts/load.sh
    done
    step load-icount-1 bash scripts/load-icount.sh
    step load-icount-2 bash scripts/load-icount.sh
    step send bash scripts/load-send.sh
    step queue bash scripts/queue-costs.sh
fi
python3 scripts/perf_report.py "$out"
