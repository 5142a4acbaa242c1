# Policy stack tests: tokenizer, transformer, KV cache, sampler, checkpoints, SFT (one LibTorch executable),
# and the CUDA-vs-CPU comparison (label gpu; skips with a reason where CUDA is unavailable).
gcpo_add_test(NAME test_policy SOURCES test_policy.cpp LIBS gcpo_core LABELS unit)
gcpo_add_test(NAME test_gpu SOURCES test_gpu.cpp LIBS gcpo_core LABELS gpu)
