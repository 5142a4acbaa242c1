# Experiments: the schema migration, run management and experiment queries (gcpo_base only).
gcpo_add_test(NAME test_experiment_store SOURCES test_experiment_store.cpp LIBS gcpo_base LABELS unit)
gcpo_add_cli_test(NAME test_cli_experiment SOURCES test_cli_experiment.cpp LIBS gcpo_base Qt6::Core LABELS smoke TIMEOUT 900)
