gcpo_add_test(NAME test_credit SOURCES test_credit.cpp LIBS gcpo_base LABELS unit)
gcpo_add_cli_test(NAME test_cli_credit SOURCES test_cli_credit.cpp LIBS Qt6::Core LABELS smoke)
gcpo_add_test(NAME test_config SOURCES test_config.cpp LIBS gcpo_base LABELS unit)
gcpo_add_test(NAME test_advantage SOURCES test_advantage.cpp LIBS gcpo_base LABELS unit)
