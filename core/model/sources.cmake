list(APPEND GCPO_BASE_SOURCES model/tokenizer.cpp model/model_config.cpp)
list(APPEND GCPO_TORCH_SOURCES model/transformer.cpp model/sampler.cpp)
