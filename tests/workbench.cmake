# The workbench shell (label gui): item models, config validation, foreign files, and real tiny
# gcpo-train runs started from the GUI's launcher and shown in every view.
if(GCPO_BUILD_GUI)
  gcpo_add_cli_test(NAME test_workbench SOURCES test_workbench.cpp LIBS gcpo_widgets LABELS gui TIMEOUT 900)
endif()
