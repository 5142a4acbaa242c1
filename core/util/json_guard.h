// Guards for JSON that comes from users: bounded nesting before parsing (deep nesting would
// overflow the stack of any recursive consumer: copies, comparisons, dump()), UTF-8 validity of
// every string before it is stored, and output that never throws on a bad byte.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace gcpo::util {

// Deepest array/object nesting accepted in any user JSON (configs, credit input, task lines, files).
constexpr int kMaxJsonDepth = 64;

// Throws std::invalid_argument ("nested deeper than 64 levels at byte N") when `text` nests arrays
// or objects deeper than kMaxJsonDepth. A linear scan that never recurses; syntax is not checked.
void checkJsonDepth(const std::string& text);

// checkJsonDepth, then nlohmann::json::parse: throws std::invalid_argument for too deep nesting and
// nlohmann::json::parse_error for a syntax error or invalid UTF-8 inside a string.
nlohmann::json parseJson(const std::string& text);

bool isValidUtf8(const std::string& s);
// `s` with every byte that is not part of a valid UTF-8 sequence replaced by U+FFFD.
std::string toValidUtf8(const std::string& s);

// The key path ("name", "tasks.families[2].path") of the first string (value or key) in `j` that is
// not valid UTF-8, or "" when every string is valid. Iterative: any depth is safe.
std::string findInvalidUtf8(const nlohmann::json& j);

// j.dump() with invalid UTF-8 replaced by U+FFFD instead of throwing.
std::string dumpSafe(const nlohmann::json& j, int indent = -1);

// A short rendering of `j` for error messages: at most maxChars characters, never throws.
std::string describeJson(const nlohmann::json& j, size_t maxChars = 80);

}  // namespace gcpo::util
