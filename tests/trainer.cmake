gcpo_add_test(NAME test_trainer SOURCES test_trainer.cpp LIBS gcpo_core LABELS unit TIMEOUT 900)
target_precompile_headers(test_trainer PRIVATE <torch/torch.h>)
gcpo_add_cli_test(NAME test_cli_train SOURCES test_cli_train.cpp LIBS gcpo_base Qt6::Core LABELS smoke TIMEOUT 900)
