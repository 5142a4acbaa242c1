# The workbench's analysis views (label gui): compare statistics and tables, pass@k from samples,
# prompt filters, report export, dashboard, coverage waterfall and duplicates, group flags.
if(GCPO_BUILD_GUI)
  gcpo_add_test(NAME test_workbench_views SOURCES test_workbench_views.cpp LIBS gcpo_widgets LABELS gui)
endif()
