#!/usr/bin/env bash
# The README's benchmark figures, in one go on an otherwise idle machine: credit estimators,
# policy (matmul peak, SFT MFU, KV-cache sampling), RL step-time breakdown (GRPO vs GCPO), and the
# workbench's responsiveness. Usage: scripts/bench.sh [SFT_CHECKPOINT_DIR] (env: BUILD).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD:-$root/build}"
echo "== gcpo-bench credit"
"$build/app/gcpo-bench" credit
echo "== gcpo-bench model"
"$build/app/gcpo-bench" model
echo "== gcpo-bench train"
if [ -n "${1:-}" ]; then
  "$build/app/gcpo-bench" train --steps 12 --checkpoint "$1"
else
  "$build/app/gcpo-bench" train --steps 12
fi
echo "== gcpo-bench-gui"
QT_QPA_PLATFORM=offscreen "$build/widgets/gcpo-bench-gui"
