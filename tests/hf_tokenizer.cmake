# Hugging Face tokenizer: hand-made tokenizer.json files and the CLI (always), and the real Qwen3
# tokenizer against the JS reference and the real chat template (skip when setup could not cache them).
gcpo_add_cli_test(NAME test_bpe_tokenizer SOURCES test_bpe_tokenizer.cpp LIBS gcpo_base LABELS unit)
gcpo_add_test(NAME test_bpe_reference SOURCES test_bpe_reference.cpp hf_fixtures.h LIBS gcpo_base LABELS unit)
