# The SQLite run store: unit tests (gcpo_base only, fast start) and the `runs` / `export` CLI smoke test.
gcpo_add_test(NAME test_store SOURCES test_store.cpp LIBS gcpo_base LABELS unit)
