#!/usr/bin/env bash
# The data-parallel acceptance check on this machine (CPU, Gloo): the gcpo preset for STEPS steps
# as one process and as 2 local ranks (`gcpo-train launch --nproc 2`) on the same global batch,
# then `gcpo-train runs compare` of the two stored runs: every metric (timings aside), group,
# rollout, embedding and evaluation, and the final parameters, must agree to 1e-5 (exit 0), and the
# JSON report says the largest difference of each kind and where it is.
#   scripts/dist_check.sh [OUT_DIR]      (default: a new temporary folder, kept for inspection)
# Environment: GCPO_BUILD_DIR (default build), GCPO_DIST_CHECK_STEPS (3), GCPO_DIST_CHECK_NPROC (2),
# GCPO_SFT_CACHE (the SFT warm-up cache; the preset's warm-up ships with the resources).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${GCPO_BUILD_DIR:-$root/build}"
steps="${GCPO_DIST_CHECK_STEPS:-3}"
nproc="${GCPO_DIST_CHECK_NPROC:-2}"
out="${1:-$(mktemp -d)}"
train="$build/app/gcpo-train"
[[ -x "$train" ]] || { echo "dist_check: no $train (build the gcpo-train target first)" >&2; exit 2; }
mkdir -p "$out"
for f in one.sqlite two.sqlite; do
  [[ ! -e "$out/$f" ]] || { echo "dist_check: $out/$f exists; give an empty folder" >&2; exit 2; }
done
config="$root/resources/presets/gcpo.json"

echo "dist_check: one process -> $out/one.sqlite" >&2
"$train" run --config "$config" --db "$out/one.sqlite" --steps "$steps" 2>"$out/one.log"
echo "dist_check: $nproc ranks -> $out/two.sqlite" >&2
"$train" launch --nproc "$nproc" -- run --config "$config" --db "$out/two.sqlite" --steps "$steps" 2>"$out/two.log"
"$train" runs compare --db "$out/one.sqlite" --run 1 --with "$out/two.sqlite" --with-run 1 --tolerance 1e-5 |
  tee "$out/compare.json"
