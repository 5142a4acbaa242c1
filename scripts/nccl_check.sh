#!/usr/bin/env bash
# The multi-GPU check of data-parallel training on NCCL, for a machine with >= 2 CUDA GPUs and a
# CUDA build of LibTorch (Debian's libtorch-dev is CPU-only: point CMAKE_PREFIX_PATH at a CUDA
# LibTorch). It runs the same global batch twice, once as one process on cuda:0 and once as
# NPROC ranks with NCCL (one GPU each), and compares what the two runs stored: rewards, advantages
# and every non-timing metric must agree to 1e-4 (GPU kernels are not bitwise reproducible across
# batch shapes, so the tolerance is looser than the CPU test's 1e-5).
#   scripts/nccl_check.sh [NPROC]        (default: every GPU nvidia-smi lists)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${GCPO_BUILD_DIR:-$root/build-cuda}"
nproc="${1:-$(nvidia-smi -L | wc -l)}"
if (( nproc < 2 )); then echo "nccl_check: needs >= 2 GPUs (found $nproc)"; exit 2; fi

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGCPO_BUILD_GUI=OFF -DGCPO_BUILD_TESTS=OFF
ninja -C "$build" gcpo-train
grep -q "GCPO_NCCL_INCLUDE:PATH=/" "$build/CMakeCache.txt" || { echo "nccl_check: this build found no nccl.h"; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/nccl.sqlite"
common=(--config "$root/resources/presets/gcpo.json" --db "$db" --steps 3 --seed 5
        --set model.init=scratch --set "sampling.prompts_per_step=$((2 * nproc))" --set sampling.group_size=8
        --set eval.every=0 --set distributed.check_every=1)
"$build/app/gcpo-train" run "${common[@]}" --name single --set device=cuda:0
"$build/app/gcpo-train" launch --nproc "$nproc" -- run "${common[@]}" --name nccl --set device=auto --set distributed.backend=nccl

python3 - "$db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
(a,), (b,) = db.execute("SELECT id FROM runs ORDER BY id").fetchall()
worst = 0.0
q = """SELECT x.step, k.name, x.value, y.value FROM metrics x JOIN metrics y ON x.step = y.step AND x.key_id = y.key_id
       JOIN metric_keys k ON k.id = x.key_id WHERE x.run_id = ? AND y.run_id = ? AND k.name NOT LIKE 'time/%'
       AND k.name NOT IN ('step_time')"""
for step, key, x, y in db.execute(q, (a, b)):
    d = abs((x or 0) - (y or 0)); worst = max(worst, d)
    if d > 1e-4: print(f"step {step} {key}: single {x} nccl {y}")
q = """SELECT count(*), max(abs(x.reward - y.reward)), max(abs(x.advantage_used - y.advantage_used)),
       sum(x.completion != y.completion) FROM rollouts x JOIN rollouts y USING (step, group_index, rollout_index)
       WHERE x.run_id = ? AND y.run_id = ?"""
n, dr, da, texts = db.execute(q, (a, b)).fetchone()
print(f"metrics: worst difference {worst:.3g}; rollouts: {n} compared, reward diff {dr}, advantage diff {da}, "
      f"{texts} completions differ")
sys.exit(0 if worst <= 1e-4 and n > 0 and (da or 0) <= 1e-4 else 1)
PY
