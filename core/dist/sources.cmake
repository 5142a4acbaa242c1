list(APPEND GCPO_BASE_SOURCES dist/dist_config.cpp dist/record_codec.cpp)
# Data-parallel collectives on LibTorch's c10d (Gloo always; NCCL when LibTorch has CUDA and nccl.h is found).
list(APPEND GCPO_TORCH_SOURCES dist/communicator.cpp dist/c10d_communicator.cpp dist/grad_buckets.cpp
     dist/step_sync.cpp)
find_path(GCPO_NCCL_INCLUDE nccl.h HINTS /usr/local/cuda/include ENV NCCL_ROOT PATH_SUFFIXES include)
if(TORCH_CUDA_LIBRARIES AND GCPO_NCCL_INCLUDE)
  set_source_files_properties(dist/c10d_communicator.cpp dist/communicator.cpp PROPERTIES COMPILE_DEFINITIONS GCPO_WITH_NCCL
                              INCLUDE_DIRECTORIES ${GCPO_NCCL_INCLUDE})
  message(STATUS "gcpo: data-parallel training with NCCL (${GCPO_NCCL_INCLUDE}/nccl.h)")
else()
  message(STATUS "gcpo: data-parallel training with Gloo only (no CUDA LibTorch or no nccl.h)")
endif()
