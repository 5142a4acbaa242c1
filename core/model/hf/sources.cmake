# Hugging Face models (included from model/sources.cmake): safetensors and config.json are torch-free.
list(APPEND GCPO_BASE_SOURCES model/hf/safetensors.cpp model/hf/hf_config.cpp model/hf/memory_estimate.cpp model/prompt_codec.cpp)
list(APPEND GCPO_TORCH_SOURCES model/policy.cpp model/hf/llama_family.cpp model/hf/hf_model.cpp model/hf/hf_tools.cpp model/hf/hf_bench.cpp model/hf/hf_checkpoint.cpp)
