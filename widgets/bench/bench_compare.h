// gcpo-bench-gui --compare: how long the compare view takes to open an experiment of 2 arms x 8
// seeds of the demo's shape (see bench_compare.cpp).
#pragma once

// Builds (or reuses) the experiment database at `path` ("" = a temporary file), opens it in a
// CompareView following all 16 runs, prints the figures; returns 0 when it opened within 1 s.
int runCompareBench(const char* path, int settleMs);
