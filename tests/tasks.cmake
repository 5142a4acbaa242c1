gcpo_add_test(NAME test_tasks SOURCES test_tasks.cpp LIBS gcpo_base LABELS unit)
gcpo_add_test(NAME test_tasks_families SOURCES test_tasks_families.cpp LIBS gcpo_base LABELS unit)
gcpo_add_cli_test(NAME test_cli_tasks SOURCES test_cli_tasks.cpp LIBS Qt6::Core LABELS smoke)
