#!/usr/bin/env bash
# Regression test: builds every fuzz target and runs each one once over its corpus
# (fuzz/corpus/<target>/), without fuzzing. Exits non-zero if a build fails or any input
# panics (an invariant broke). Prints one summary line per target.
#
#   fuzz/replay.sh                 # all targets
#   fuzz/replay.sh verify_stripe   # some targets
#
# Needs cargo-fuzz (installed here when missing) and a toolchain that accepts -Z flags:
# nightly, or stable with RUSTC_BOOTSTRAP=1 (set below unless already set).
set -uo pipefail

cd "$(dirname "$0")/.." || exit 2
export RUSTC_BOOTSTRAP="${RUSTC_BOOTSTRAP:-1}"

if ! command -v cargo-fuzz >/dev/null 2>&1; then
    echo "cargo-fuzz not found: installing it" >&2
    cargo install cargo-fuzz --locked || exit 2
fi

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo fuzz list)
fi

log_dir="fuzz/target/replay-logs"
mkdir -p "$log_dir"
echo "building ${#targets[@]} fuzz targets" >&2
for t in "${targets[@]}"; do
    if ! cargo fuzz build "$t" >"$log_dir/build-$t.log" 2>&1; then
        echo "FAIL build $t:" >&2
        tail -40 "$log_dir/build-$t.log" >&2
        exit 1
    fi
done

failed=0
for t in "${targets[@]}"; do
    corpus="fuzz/corpus/$t"
    log="$log_dir/$t.log"
    if [ ! -d "$corpus" ]; then
        echo "FAIL $t: no corpus directory $corpus"
        failed=1
        continue
    fi
    files=$(find "$corpus" -type f | wc -l)
    start=$(date +%s)
    if cargo fuzz run "$t" "$corpus" -- -runs=0 >"$log" 2>&1; then
        echo "ok   $t: $files inputs replayed in $(($(date +%s) - start)) s"
    else
        echo "FAIL $t: $files inputs, see $log"
        grep -E "panicked at|^SUMMARY|Test unit written" -A2 "$log" | head -20 | sed 's/^/     /'
        failed=1
    fi
done
exit "$failed"
