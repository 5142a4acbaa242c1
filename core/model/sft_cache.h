// The SFT warm-up cache shared by every run database of a user: <root>/<key>/checkpoint, where the
// key hashes the SFT config (less its thread count) and the code version, so a new database reuses
// a warm-up trained before. Written atomically under a lock, so two processes warming up the same
// config at once train it once. Plain C++ (no LibTorch): the training itself is a callback.
#pragma once

#include <atomic>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

namespace gcpo::model {

// Bump when a change of the model, tokenizer, task generators or SFT loop changes what a given SFT
// config trains (old cache entries then stop matching and are retrained on first use).
constexpr int kSftRecipeRevision = 1;

// "gcpo <project version> sft-recipe <revision>": the code version part of the key.
std::string sftCodeVersion();

// The canonical form of an SFT config for comparison and hashing: every value resolved
// (sft_config.h), "threads" removed (an execution setting, not part of the recipe). Throws
// std::invalid_argument for a bad config, naming the key.
nlohmann::json canonicalSftConfig(const nlohmann::json& sftConfig);

// 16 hex digits: FNV-1a of the canonical config and the code version.
std::string sftCacheKey(const nlohmann::json& sftConfig);

struct SftCacheRequest {
    nlohmann::json config;    // the SFT config (sft_config.h)
    std::string root;         // the cache folder (created when missing)
    std::string shippedRoot;  // a folder of ready warm-ups (<name>/checkpoint) to use when one matches; may be ""
    // Trains into an empty directory (runSft: writes <dir>/checkpoint); returns 0 when complete.
    std::function<int(const std::string& dir)> train;
    const std::atomic<bool>* stop = nullptr;         // also ends the wait for another process's lock
    std::function<void(const std::string&)> notice;  // "waiting for ...", "using the shipped ..."; may be empty
};

// The checkpoint directory of a finished warm-up for request.config: a shipped one whose recorded
// SFT config matches, else the cached one, else trained now into <root>/<key>.partial (under the
// lock <root>/<key>.lock) and renamed to <root>/<key> when complete. Returns "" when the training
// or the wait was stopped (nothing unfinished is ever left where a finished warm-up is looked for).
std::string obtainSftWarmup(const SftCacheRequest& request);

// The shipped warm-up under shippedRoot whose recorded SFT config matches `sftConfig`, or "".
std::string findShippedSftWarmup(const std::string& shippedRoot, const nlohmann::json& sftConfig);

}  // namespace gcpo::model
