# Hugging Face model stack: safetensors, config.json, the Llama-family decoder, loading and export
# (tiny random checkpoints the test writes in HF layout).
gcpo_add_test(NAME test_hf_model SOURCES test_hf_model.cpp hf_test_util.h LIBS gcpo_core LABELS unit)
