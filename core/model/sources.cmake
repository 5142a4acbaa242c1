list(APPEND GCPO_BASE_SOURCES model/tokenizer.cpp model/model_config.cpp model/checkpoint_info.cpp model/sft_config.cpp
     model/sft_cache.cpp)
list(APPEND GCPO_TORCH_SOURCES model/transformer.cpp model/sampler.cpp model/checkpoint.cpp model/sft.cpp model/sft_runner.cpp
     model/sample_runner.cpp model/model_bench.cpp model/parameter_diff.cpp)
include(${CMAKE_CURRENT_LIST_DIR}/hf/tokenizer_sources.cmake)
# The SFT cache key includes the code version.
set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/sft_cache.cpp PROPERTIES
  COMPILE_DEFINITIONS "GCPO_VERSION_STRING=\"${PROJECT_VERSION}\"")
include(${CMAKE_CURRENT_LIST_DIR}/hf/sources.cmake)
