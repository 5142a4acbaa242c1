#!/usr/bin/env bash
# The README's benchmark figures, in one go: credit estimators, policy (matmul peak, SFT MFU, KV-cache
# sampling, RL-batch sampling beside plain PyTorch), the automatic thread count idle and beside a
# core-bound hog, RL step-time breakdown (GRPO vs GCPO), the demo's first start, and the workbench's
# responsiveness. Usage: scripts/bench.sh [SFT_CHECKPOINT_DIR] (env: BUILD, PYTHON).
# Run it on an otherwise idle machine; the first lines print the load it saw.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD:-$root/build}"
bench="$build/app/gcpo-bench"
python="${PYTHON:-/usr/bin/python3}"
echo "== load before: $(cat /proc/loadavg)"
echo "== gcpo-bench credit"
"$bench" credit
echo "== gcpo-bench model"
"$bench" model
"$bench" model --profile
echo "== RL-batch sampling beside the same model in plain PyTorch (scripts/bench_pytorch_sampling.py)"
out="$("$bench" model --rl-only)"
echo "$out"
threads="$(echo "$out" | grep -o '[0-9]* intra-op threads' | cut -d' ' -f1)"
# The same OpenBLAS kernels for plain PyTorch as gcpo-bench chose (app/common/blas_kernel.h).
coretype="$(echo "$out" | sed -n 's/^# BLAS kernels: .*(OPENBLAS_CORETYPE=\([A-Za-z]*\)).*/\1/p' | head -1)"
if "$python" -c 'import torch' 2>/dev/null; then
  echo "plain PyTorch with OPENBLAS_CORETYPE=${coretype:-(unset)}"
  OPENBLAS_CORETYPE="${OPENBLAS_CORETYPE:-$coretype}" OMP_WAIT_POLICY=PASSIVE "$python" "$root/scripts/bench_pytorch_sampling.py" --threads "$threads"
  "$bench" --threads "$threads" model --rl-only | tail -1
else
  echo "skipped: $python cannot import torch (apt-get install python3-torch for this line)"
fi
echo "== gcpo-bench model --busy 0 (automatic thread count vs 1 thread, machine as it is)"
"$bench" model --busy 0
echo "== gcpo-bench model --busy 1 (the same beside one core-bound hog)"
"$bench" model --busy 1
echo "== gcpo-bench train"
if [ -n "${1:-}" ]; then
  "$bench" train --steps 12 --checkpoint "$1"
else
  "$bench" train --steps 12
fi
echo "== demo first start: seconds from 'gcpo-train demo' to the first rollout group (fresh database)"
tmp="$(mktemp -d)"
start=$(date +%s.%N)
GCPO_SFT_CACHE="$tmp/sft" "$build/app/gcpo-train" demo --db "$tmp/demo.sqlite" --steps 1 --progress-json 2>/dev/null |
  while read -r line; do
    case "$line" in *'"phase":"step"'*)
      awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "first rollout group after %.1f s\n", e - s }'
      break ;;
    esac
  done || true
rm -rf "$tmp"
echo "== gcpo-bench-gui"
QT_QPA_PLATFORM=offscreen "$build/widgets/gcpo-bench-gui"
echo "== load after: $(cat /proc/loadavg)"
