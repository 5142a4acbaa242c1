#!/usr/bin/env bash
# Runs one fuzz target: first every kept regression input (each must pass), then a bounded mutation
# run from the committed seed corpus. A crash, a sanitizer report, a leak or an input running over
# 10 s fails the test; libFuzzer writes the input as <work>/<target>/crash-* (add it to
# tests/fuzz/regressions/<target>/ with the fix).
# Usage: run_target.sh <binary> <target> <tests/fuzz dir> <work dir>. Seconds: $GCPO_FUZZ_SECONDS.
set -euo pipefail
bin="$1"; name="$2"; src="$3"; work="$4/$name"
seconds="${GCPO_FUZZ_SECONDS:-${GCPO_FUZZ_SECONDS_DEFAULT:-15}}"
mkdir -p "$work/corpus"
regressions=("$src/regressions/$name"/*)
if [ -e "${regressions[0]}" ]; then
  echo "replaying ${#regressions[@]} regression input(s)"
  "$bin" -timeout=10 -rss_limit_mb=2048 "${regressions[@]}"
fi
echo "fuzzing $name for ${seconds}s"
exec "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="$work/" "$work/corpus" "$src/corpus/$name"
