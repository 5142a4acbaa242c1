list(APPEND GCPO_BASE_SOURCES util/linalg.cpp util/cpu_budget.cpp util/json_guard.cpp)
list(APPEND GCPO_TORCH_SOURCES util/torch_runtime.cpp)
