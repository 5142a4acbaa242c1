# Issue 13: the coverage game on correctness, canonical-answer embeddings, and their agreement with
# the verifier (core, and `gcpo-train embeddings` on a small database the test writes).
gcpo_add_test(NAME test_coverage13 SOURCES test_coverage13.cpp LIBS gcpo_base LABELS unit)
gcpo_add_cli_test(NAME test_cli_embeddings SOURCES test_cli_embeddings.cpp LIBS gcpo_base Qt6::Core LABELS unit smoke)
