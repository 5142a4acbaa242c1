list(APPEND GCPO_BASE_SOURCES util/linalg.cpp util/cpu_budget.cpp util/json_guard.cpp util/lr_schedule.cpp util/run_protocol.cpp util/json_path.cpp)
list(APPEND GCPO_TORCH_SOURCES util/torch_runtime.cpp)
