#!/usr/bin/env bash
# The README's ablations of the GCPO-vs-GRPO experiment: resources/experiments/demo_ablations.json
# is the built-in experiment (same name, base, seeds and first three arms) with eleven more arms:
# GCPO on canonical-answer embeddings with the game on correctness, the same at G = 16 with B = 4
# (the same 64 rollouts per step as G = 8, B = 8) beside GRPO at G = 16, B = 4, the G = 8 one with
# accuracy_weight 0.5 or with volume_scale (beta) 4, the correctness game on n-grams with an RBF
# kernel (gamma 1 and 4), GRPO and GCPO-canonical at 3x the learning rate, and both at 300 steps.
# On a database that holds the built-in experiment it adds the missing arms (--extend); on a new one
# it runs all fourteen: 112 runs, two at a time (on two idle cores of the development VM a 100-step
# run took about 2.5 min with OpenBLAS's SSE3 kernels, a 300-step run about 3 min with its AVX-512
# ones). Then `gcpo-train report` prints every arm and pair.
# Usage: scripts/ablations.sh [DB] (env: PARALLEL=N, FORMAT=text|json|csv, BUILD).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXPERIMENT="$root/resources/experiments/demo_ablations.json" exec "$root/scripts/experiment.sh" "$@"
