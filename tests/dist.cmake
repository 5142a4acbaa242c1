# Data-parallel training: environment parsing, record codec, the c10d communicator with two Gloo
# ranks on localhost (dist_worker), and (test_dist_train) gcpo-train launch --nproc 2 against one process.
add_executable(dist_worker dist_worker.cpp)
target_link_libraries(dist_worker PRIVATE gcpo_core)
target_precompile_headers(dist_worker PRIVATE <torch/torch.h>)
gcpo_target_defaults(dist_worker)

gcpo_add_test(NAME test_dist SOURCES test_dist.cpp ${PROJECT_SOURCE_DIR}/app/train/dist_env.cpp
              LIBS gcpo_base LABELS unit TIMEOUT 120)
target_include_directories(test_dist PRIVATE ${PROJECT_SOURCE_DIR}/app ${GCPO_CLI11_INCLUDE})
add_dependencies(test_dist dist_worker)
set_property(TEST test_dist APPEND PROPERTY ENVIRONMENT "GCPO_DIST_WORKER=$<TARGET_FILE:dist_worker>")
