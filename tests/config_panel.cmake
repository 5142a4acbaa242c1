# The run configuration panel (label gui, offscreen): task families table, file pickers, presets
# that reset the whole form, fields greyed by the algorithm table, Start needing a database, and
# gcpo-workbench's --db refusing what gcpo-train's --db refuses.
if(GCPO_BUILD_GUI)
  gcpo_add_test(NAME test_config_panel SOURCES test_config_panel.cpp LIBS gcpo_widgets LABELS gui)
  add_dependencies(test_config_panel gcpo-workbench)
  set_property(TEST test_config_panel APPEND PROPERTY ENVIRONMENT "GCPO_WORKBENCH=$<TARGET_FILE:gcpo-workbench>")
endif()
