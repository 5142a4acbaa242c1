#!/usr/bin/env bash
# The README's GCPO-vs-GRPO experiment: `gcpo-train experiment` runs the built-in definition
# (resources/experiments/demo_gcpo_vs_grpo.json: GRPO, GCPO, and GCPO whose coverage game sees only
# correctness (gcpo.game_reward=correct) from one SFT warm-up, seeds 0-7, two
# runs at a time with one thread each), then `gcpo-train report` prints its statistics. Run it again
# to resume: finished runs are skipped, interrupted or crashed ones resumed; arms or seeds added to
# the definition (after the stored ones) are added to the stored experiment (--extend).
# Usage: scripts/experiment.sh [DB] (env: EXPERIMENT=definition.json, PARALLEL=N, FORMAT=text|json|csv, BUILD).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD:-$root/build}"
train="$build/app/gcpo-train"
db="${1:-$root/experiment.sqlite}"
definition="${EXPERIMENT:-$root/resources/experiments/demo_gcpo_vs_grpo.json}"
extra=()
[ -n "${PARALLEL:-}" ] && extra+=(--parallel "$PARALLEL")
nice -n 10 "$train" experiment --config "$definition" --db "$db" --extend "${extra[@]}"
"$train" report --db "$db" --experiment "$definition" --format "${FORMAT:-text}"
