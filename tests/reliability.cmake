# Reliability (issue 12): unit tests of the guards on gcpo_base, and fault tests of the real
# gcpo-train (kill -9, disk full, two trainers, resume of a live run).
gcpo_add_test(NAME test_reliability SOURCES test_reliability.cpp LIBS gcpo_base LABELS unit)
gcpo_add_cli_test(NAME test_faults SOURCES test_faults.cpp LIBS gcpo_base Qt6::Core LABELS smoke TIMEOUT 900)
gcpo_add_cli_test(NAME test_cli_guards SOURCES test_cli_guards.cpp LIBS Qt6::Core LABELS smoke)
