#!/usr/bin/env bash
# Builds GCPO Workbench (installing missing Debian packages) and runs every test that needs no GPU.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/setup.sh"
cd "$build"
# One LibTorch thread per test process (set by each test's environment); tests run two at a time.
ctest --output-on-failure -j "${GCPO_TEST_JOBS:-2}" -LE gpu
# Bounded fuzzing of every parser in a separate sanitizer build (about 2-3 minutes; scripts/fuzz.sh).
"$root/scripts/fuzz.sh"
