# core/stats: summaries, bootstrap, sign-flip test and the experiment report (gcpo_base only).
gcpo_add_test(NAME test_stats SOURCES test_stats.cpp LIBS gcpo_base LABELS unit)
