# Workbench data layer and live views (gcpo_widgets; no LibTorch), under QT_QPA_PLATFORM=offscreen.
if(GCPO_BUILD_GUI)
  gcpo_add_test(NAME test_widgets_models SOURCES test_widgets_models.cpp LIBS gcpo_widgets LABELS gui)
endif()
