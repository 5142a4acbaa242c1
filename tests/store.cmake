# The SQLite run store: unit tests (gcpo_base only, fast start) and the `runs` / `export` CLI smoke test.
gcpo_add_test(NAME test_store SOURCES test_store.cpp LIBS gcpo_base LABELS unit)
gcpo_add_cli_test(NAME test_cli_runs SOURCES test_cli_runs.cpp LIBS gcpo_base Qt6::Core LABELS smoke)
