// Helpers shared by the task families: seeded instance RNG, split-by-hash, option and data
// readers that name the offending key, and the common verdict scoring.
#pragma once

#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tasks/task.h"

namespace gcpo::tasks::detail {

// Fraction of instances (by hash of the canonical instance key) that belong to the Test split.
constexpr uint64_t kTestPercent = 20;

uint64_t hashString(const std::string& s);  // FNV-1a, 64 bit
uint64_t mix64(uint64_t x);                 // splitmix64 finaliser

// Test when the hash of the canonical instance key falls in the test fraction. The key must not
// depend on presentation (order of numbers in the prompt), so reorderings stay in one split.
Split splitOfKey(const std::string& key);

// Deterministic generator for (family, split, seed, index).
std::mt19937_64 instanceRng(const std::string& family, Split split, uint64_t seed, int64_t index);
std::string taskId(const std::string& family, Split split, uint64_t seed, int64_t index);

// Uniform integer in [lo, hi] (portable: does not use std::uniform_int_distribution, whose
// output differs between standard libraries).
int64_t uniformInt(std::mt19937_64& rng, int64_t lo, int64_t hi);

// Reads family options, remembering which keys were used; finish() throws
// std::invalid_argument("<key>: unknown option") for any other key.
class OptionReader {
public:
    OptionReader(const nlohmann::json& options);
    int64_t integer(const std::string& key, int64_t fallback, int64_t lo, int64_t hi);
    bool boolean(const std::string& key, bool fallback);
    std::string string(const std::string& key, const std::string& fallback);
    void finish() const;

private:
    const nlohmann::json& m_options;
    std::set<std::string> m_used;
};

// An integer JSON value that fits in int64_t (an unsigned value above 2^63 - 1 does not).
bool fitsInt64(const nlohmann::json& v);

// Task data accessors: throw std::invalid_argument("data.<key>: ...").
int64_t dataInt(const nlohmann::json& data, const char* key);
std::vector<int64_t> dataIntArray(const nlohmann::json& data, const char* key, size_t minSize, size_t maxSize);
bool dataBool(const nlohmann::json& data, const char* key, bool fallback);
std::string dataString(const nlohmann::json& data, const char* key);

// reward = correctReward if correct, formatReward if only well formatted, else 0.
Verdict makeVerdict(const RewardConfig& reward, bool wellFormatted, bool correct, std::string parsed, std::string canonical,
                    std::string error);
Verdict noAnswerVerdict();

// Parses an optionally signed integer ("-12", "+7", "1,234"); false when malformed or too big.
bool parseInteger(const std::string& text, int64_t* value);
std::string trim(const std::string& s);
std::string joinInts(const std::vector<int64_t>& v, const char* sep);

}  // namespace gcpo::tasks::detail
