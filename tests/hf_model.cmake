# Hugging Face model stack: safetensors, config.json, the Llama-family decoder, loading and export
# (tiny random checkpoints the test writes in HF layout).
gcpo_add_test(NAME test_hf_model SOURCES test_hf_model.cpp hf_test_util.h LIBS gcpo_core LABELS unit)
# gcpo-train score / export-model on tiny folders (the real Qwen3 tokenizer when setup cached it).
gcpo_add_cli_test(NAME test_hf_cli SOURCES test_hf_cli.cpp hf_test_util.h LIBS gcpo_core LABELS smoke)
# The workbench's model source box (Hugging Face folder picker, config.json summary, memory estimate).
if(GCPO_BUILD_GUI)
  gcpo_add_test(NAME test_hf_model_box SOURCES test_hf_model_box.cpp LIBS gcpo_widgets LABELS gui)
endif()
