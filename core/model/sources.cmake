list(APPEND GCPO_BASE_SOURCES model/tokenizer.cpp model/model_config.cpp)
