list(APPEND GCPO_BASE_SOURCES store/sqlite_db.cpp store/schema.cpp store/run_store.cpp store/run_store_read.cpp
     store/export.cpp store/run_admin.cpp store/experiment_store.cpp
     store/experiment_definition.cpp store/run_claim.cpp store/run_diff.cpp)
