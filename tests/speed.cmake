# Speed work: embeddings from the sampling pass, automatic thread count, shared SFT warm-up cache and
# the shipped SFT warm-up (one LibTorch executable).
gcpo_add_test(NAME test_speed SOURCES test_speed.cpp LIBS gcpo_core LABELS unit)
