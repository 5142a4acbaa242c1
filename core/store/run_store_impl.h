// Private state of RunStore, shared by the writer (run_store.cpp) and reader (run_store_read.cpp).
#pragma once

#include <string>
#include <unordered_map>

#include "store/run_store.h"
#include "store/sqlite_db.h"

namespace gcpo::store {

struct RunStore::Impl {
    detail::Db db;
    std::string path;
    Mode mode = Mode::Read;
    int version = 0;
    RolloutRetention retention;
    std::unordered_map<std::string, int64_t> keyIds;  // metric key name -> metric_keys.id
    int readTransactionDepth = 0;                     // nested ReadTransactions share one snapshot

    void requireWriter(const char* operation) const;
    void requireRun(int64_t runId);         // std::invalid_argument naming the run
    int64_t keyId(const std::string& key);  // interns the key (inside a transaction)
};

}  // namespace gcpo::store
