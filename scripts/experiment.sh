#!/usr/bin/env bash
# The README's GCPO-vs-GRPO table: one SFT warm-up, then `gcpo-train demo` (GRPO and GCPO from
# that checkpoint, same seed and budget) for each seed, two seeds at a time with one thread each,
# then `gcpo-train report`. Usage: scripts/experiment.sh [DB] (env: SEEDS="0 1 2", STEPS, BUILD).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD:-$root/build}"
train="$build/app/gcpo-train"
db="${1:-$root/experiment.sqlite}"
seeds="${SEEDS:-0 1 2}"
sft="$db.sft-demo"
if [ ! -f "$sft/checkpoint/manifest.json" ]; then
  "$train" sft --config "$root/resources/configs/sft_demo.json" --out "$sft"
fi
extra=()
[ -n "${STEPS:-}" ] && extra+=(--steps "$STEPS")
printf '%s\n' $seeds | xargs -P 2 -I{} "$train" demo --db "$db" --seed {} "${extra[@]}" \
  --set model.init=checkpoint --set "model.checkpoint=$sft/checkpoint" --set threads=1
"$train" report --db "$db" --with-start
