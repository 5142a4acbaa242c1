# Speed work: embeddings from the sampling pass, automatic thread count, shared SFT warm-up cache and
# the shipped SFT warm-up, OpenBLAS kernels (one LibTorch executable; it also starts gcpo-train).
gcpo_add_cli_test(NAME test_speed SOURCES test_speed.cpp LIBS gcpo_core LABELS unit)
