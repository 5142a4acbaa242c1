list(APPEND GCPO_BASE_SOURCES model/tokenizer.cpp model/model_config.cpp model/checkpoint_info.cpp model/sft_config.cpp)
list(APPEND GCPO_TORCH_SOURCES model/transformer.cpp model/sampler.cpp model/checkpoint.cpp model/sft.cpp model/sft_runner.cpp
     model/sample_runner.cpp model/model_bench.cpp)
include(${CMAKE_CURRENT_LIST_DIR}/hf/tokenizer_sources.cmake)
