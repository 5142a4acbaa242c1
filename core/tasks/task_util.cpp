// Shared helpers for task families: hashing, splits, option/data readers, verdict scoring.
#include "tasks/task_util.h"

#include <limits>
#include <stdexcept>

namespace gcpo::tasks::detail {

uint64_t hashString(const std::string& s) {
    uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

uint64_t mix64(uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

Split splitOfKey(const std::string& key) { return mix64(hashString(key)) % 100 < kTestPercent ? Split::Test : Split::Train; }

std::mt19937_64 instanceRng(const std::string& family, Split split, uint64_t seed, int64_t index) {
    uint64_t h = mix64(hashString(family) ^ mix64(seed));
    h = mix64(h ^ static_cast<uint64_t>(index));
    h = mix64(h ^ (split == Split::Test ? 0x7e57ULL : 0x7a19ULL));
    return std::mt19937_64(h);
}

std::string taskId(const std::string& family, Split split, uint64_t seed, int64_t index) {
    return family + "/" + (split == Split::Test ? "test" : "train") + "/s" + std::to_string(seed) + "/" + std::to_string(index);
}

int64_t uniformInt(std::mt19937_64& rng, int64_t lo, int64_t hi) {
    const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
    if (span == 0) return static_cast<int64_t>(rng());
    const uint64_t limit = std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % span;
    uint64_t r;
    do {
        r = rng();
    } while (r >= limit);
    return lo + static_cast<int64_t>(r % span);
}

bool fitsInt64(const nlohmann::json& v) {
    if (v.is_number_unsigned()) return v.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    return v.is_number_integer();
}

OptionReader::OptionReader(const nlohmann::json& options) : m_options(options) {
    if (!m_options.is_object()) throw std::invalid_argument("options must be an object");
}

int64_t OptionReader::integer(const std::string& key, int64_t fallback, int64_t lo, int64_t hi) {
    m_used.insert(key);
    if (!m_options.contains(key)) return fallback;
    const auto& v = m_options[key];
    if (!fitsInt64(v)) throw std::invalid_argument(key + ": must be an integer in the signed 64-bit range");
    const int64_t x = v.get<int64_t>();
    if (x < lo || x > hi)
        throw std::invalid_argument(key + ": must be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " +
                                    std::to_string(x));
    return x;
}

bool OptionReader::boolean(const std::string& key, bool fallback) {
    m_used.insert(key);
    if (!m_options.contains(key)) return fallback;
    if (!m_options[key].is_boolean()) throw std::invalid_argument(key + ": must be true or false");
    return m_options[key].get<bool>();
}

std::string OptionReader::string(const std::string& key, const std::string& fallback) {
    m_used.insert(key);
    if (!m_options.contains(key)) return fallback;
    if (!m_options[key].is_string()) throw std::invalid_argument(key + ": must be a string");
    return m_options[key].get<std::string>();
}

void OptionReader::finish() const {
    for (auto it = m_options.begin(); it != m_options.end(); ++it)
        if (!m_used.count(it.key())) throw std::invalid_argument(it.key() + ": unknown option");
}

int64_t dataInt(const nlohmann::json& data, const char* key) {
    if (!data.contains(key)) throw std::invalid_argument(std::string("data.") + key + ": missing key");
    if (!fitsInt64(data[key]))
        throw std::invalid_argument(std::string("data.") + key + ": must be an integer in the signed 64-bit range");
    return data[key].get<int64_t>();
}

std::vector<int64_t> dataIntArray(const nlohmann::json& data, const char* key, size_t minSize, size_t maxSize) {
    const std::string path = std::string("data.") + key;
    if (!data.contains(key)) throw std::invalid_argument(path + ": missing key");
    const auto& a = data[key];
    if (!a.is_array()) throw std::invalid_argument(path + ": must be an array");
    if (a.size() < minSize || a.size() > maxSize)
        throw std::invalid_argument(path + ": must have " + std::to_string(minSize) + " to " + std::to_string(maxSize) +
                                    " entries");
    std::vector<int64_t> out;
    for (size_t i = 0; i < a.size(); ++i) {
        if (!fitsInt64(a[i]))
            throw std::invalid_argument(path + "[" + std::to_string(i) + "]: must be an integer in the signed 64-bit range");
        out.push_back(a[i].get<int64_t>());
    }
    return out;
}

bool dataBool(const nlohmann::json& data, const char* key, bool fallback) {
    if (!data.contains(key)) return fallback;
    if (!data[key].is_boolean()) throw std::invalid_argument(std::string("data.") + key + ": must be true or false");
    return data[key].get<bool>();
}

std::string dataString(const nlohmann::json& data, const char* key) {
    if (!data.contains(key)) throw std::invalid_argument(std::string("data.") + key + ": missing key");
    if (!data[key].is_string()) throw std::invalid_argument(std::string("data.") + key + ": must be a string");
    return data[key].get<std::string>();
}

Verdict makeVerdict(const RewardConfig& reward, bool wellFormatted, bool correct, std::string parsed, std::string canonical,
                    std::string error) {
    Verdict v;
    v.correct = correct;
    v.wellFormatted = wellFormatted;
    v.reward = correct ? reward.correctReward : (wellFormatted ? reward.formatReward : 0.0);
    v.parsedAnswer = std::move(parsed);
    v.canonical = std::move(canonical);
    v.error = correct ? std::string() : std::move(error);
    return v;
}

Verdict noAnswerVerdict() {
    Verdict v;
    v.error = "no <answer>...</answer> in the completion";
    return v;
}

bool parseInteger(const std::string& text, int64_t* value) {
    const std::string s = trim(text);
    size_t i = 0;
    bool negative = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
    if (i >= s.size()) return false;
    int64_t v = 0;
    bool digit = false;
    for (; i < s.size(); ++i) {
        if (s[i] == ',' && digit && i + 1 < s.size()) continue;
        if (s[i] < '0' || s[i] > '9') return false;
        const int d = s[i] - '0';
        if (v > (std::numeric_limits<int64_t>::max() - d) / 10) return false;
        v = v * 10 + d;
        digit = true;
    }
    if (!digit) return false;
    *value = negative ? -v : v;
    return true;
}

std::string trim(const std::string& s) {
    const char* ws = " \t\r\n";
    const size_t b = s.find_first_not_of(ws);
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

std::string joinInts(const std::vector<int64_t>& v, const char* sep) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + std::to_string(v[i]);
    return out;
}

}  // namespace gcpo::tasks::detail
