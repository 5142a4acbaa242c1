#!/usr/bin/env bash
# The whole CUDA check of the Hugging Face policy path on a GPU machine, in one script:
#   1. builds gcpo-train, gcpo-bench and the tests against a CUDA LibTorch (no Qt GUI needed);
#   2. runs the gpu-labelled tests and the HF model tests (CPU references) when Qt Test is present;
#   3. benchmarks a Qwen2.5-0.5B-shaped random model (24 layers, hidden 896, 14/2 heads, vocab 151936):
#      bf16 (fp32 master weights, bf16 arithmetic) and fp32 training tokens/s and MFU against the
#      measured matmul peak of the same dtype, with and without gradient checkpointing.
# Usage: scripts/gpu_check.sh [build-dir]   (Torch_DIR or a python3 torch install locates LibTorch)
# Output: build-dir/gpu_check.txt with every figure; exit status non-zero when a step fails.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build-gpu}
LOG="$BUILD/gpu_check.txt"
mkdir -p "$BUILD"
: > "$LOG"
say() { echo "$*" | tee -a "$LOG"; }

PREFIX=()
if [[ -z "${Torch_DIR:-}" ]] && python3 -c 'import torch' 2>/dev/null; then
    PREFIX=(-DCMAKE_PREFIX_PATH="$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')")
fi
TESTS=OFF
if [[ -e /usr/lib/x86_64-linux-gnu/cmake/Qt6Test ]] || [[ -e /usr/lib/cmake/Qt6Test ]]; then TESTS=ON; fi
say "# gpu_check $(date -u +%FT%TZ) on $(nvidia-smi --query-gpu=name,memory.total --format=csv,noheader 2>/dev/null || echo 'no nvidia-smi')"
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGCPO_BUILD_GUI=OFF -DGCPO_BUILD_TESTS=$TESTS "${PREFIX[@]}" >> "$LOG" 2>&1
TARGETS=(gcpo-train gcpo-bench)
[[ $TESTS == ON ]] && TARGETS+=(test_gpu test_hf_model)
ninja -C "$BUILD" "${TARGETS[@]}" >> "$LOG" 2>&1
"$BUILD/app/gcpo-train" version | tee -a "$LOG"

if [[ $TESTS == ON ]]; then
    say "## tests (gpu label: CUDA vs CPU; test_hf_model: HF stack on the CPU)"
    (cd "$BUILD" && ctest -L gpu -R 'test_gpu' --output-on-failure && ctest -R test_hf_model --output-on-failure) 2>&1 | tee -a "$LOG"
fi

# Batch 8 x 512 tokens: an RL micro-batch of 8 sequences of prompt + completion.
for dtype in bf16 fp32; do
    for ckpt in "" "--gradient-checkpointing"; do
        say "## model bench qwen2 0.5b $dtype $ckpt"
        "$BUILD/app/gcpo-bench" model --arch qwen2 --size 0.5b --device cuda --dtype $dtype $ckpt \
            --batch 8 --tokens 512 --seconds 5 2>&1 | tee -a "$LOG"
    done
done
say "# done; figures above (tokens/s, MFU vs the measured $dtype peak). Paste them into the README's GPU table."
