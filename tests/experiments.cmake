# Experiments: the schema migration, run management and experiment queries (gcpo_base only).
gcpo_add_test(NAME test_experiment_store SOURCES test_experiment_store.cpp LIBS gcpo_base LABELS unit)
