#!/usr/bin/env bash
# A fuzzing campaign: runs every fuzz target (or those named) for MINUTES minutes each (10 by
# default), one after another on one core, growing its corpus in fuzz/corpus/<target>/, and
# writes a table of the results (executions, coverage, corpus size, crashes) to
# fuzz/campaign.md (or OUT; what fuzz/README.md's "Campaigns" section quotes).
#
#   bash fuzz/campaign.sh                    # every target, 10 minutes each
#   MINUTES=5 bash fuzz/campaign.sh verify_table verify_dispatch
#
# Not part of CI (it takes MINUTES x targets); CI replays the corpora it grows (fuzz/replay.sh).
# Needs cargo-fuzz (installed when missing) and -Z flags (RUSTC_BOOTSTRAP=1 on stable).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
export RUSTC_BOOTSTRAP="${RUSTC_BOOTSTRAP:-1}"
MINUTES=${MINUTES:-10}
if ! command -v cargo-fuzz >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked || exit 2
fi
if [ "$#" -gt 0 ]; then targets=("$@"); else mapfile -t targets < <(cargo fuzz list); fi

log_dir="fuzz/target/campaign-logs"
mkdir -p "$log_dir"
out="${OUT:-fuzz/campaign.md}"
{
    echo "| target | minutes | executions | exec/s | coverage (cov) | features (ft) | corpus files | crashes |"
    echo "|---|---|---|---|---|---|---|---|"
} >"$out.tmp"
status=0
for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t"
    log="$log_dir/$t.log"
    echo "== $t: $MINUTES min" >&2
    cargo fuzz run "$t" "fuzz/corpus/$t" -- -max_total_time=$((MINUTES * 60)) -print_final_stats=1 \
        >"$log" 2>&1
    code=$?
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
    files=$(find "fuzz/corpus/$t" -type f | wc -l)
    crashes=0
    if [ "$code" -ne 0 ]; then
        crashes=$(find "fuzz/artifacts/$t" -type f 2>/dev/null | wc -l)
        status=1
        echo "   $t FAILED (exit $code): see $log" >&2
    fi
    echo "| \`$t\` | $MINUTES | ${execs:-?} | ${rate:-?} | ${cov:-?} | ${ft:-?} | $files | $crashes |" >>"$out.tmp"
done
mv "$out.tmp" "$out"
cat "$out"
exit "$status"
