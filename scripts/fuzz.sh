#!/usr/bin/env bash
# Builds the fuzz targets (tests/fuzz: clang + libFuzzer + ASan + UBSan over the torch-free parsers)
# in their own small build and runs them: `ctest -L fuzz`, two at a time. Each target first replays
# its kept regression inputs, then mutates its seed corpus for $GCPO_FUZZ_SECONDS seconds (default
# 15; set e.g. 600 for a longer local run). Called by test.sh; needs the packages setup.sh installs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${GCPO_FUZZ_BUILD_DIR:-$root/build-fuzz}"
export GCPO_FUZZ_SECONDS="${GCPO_FUZZ_SECONDS:-15}"
cmake -S "$root/tests/fuzz" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER="${GCPO_FUZZ_CXX:-clang++}" >/dev/null
cmake --build "$build" -j "${GCPO_JOBS:-$(nproc)}"
cd "$build"
ctest --output-on-failure -L fuzz -j "${GCPO_FUZZ_JOBS:-2}"
