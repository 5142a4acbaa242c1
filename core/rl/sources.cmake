list(APPEND GCPO_BASE_SOURCES rl/credit.cpp rl/credit_json.cpp rl/metrics.cpp rl/train_config.cpp)
