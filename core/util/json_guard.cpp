// Depth, UTF-8 and output guards for user JSON (see json_guard.h).
#include "util/json_guard.h"

#include <stdexcept>
#include <utility>
#include <vector>

namespace gcpo::util {

void checkJsonDepth(const std::string& text) {
    int depth = 0;
    bool inString = false, escaped = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') inString = false;
            continue;
        }
        if (c == '"') inString = true;
        else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth)
                throw std::invalid_argument("JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels (at byte " +
                                            std::to_string(i) + ")");
        } else if (c == ']' || c == '}') {
            if (depth > 0) --depth;
        }
    }
}

nlohmann::json parseJson(const std::string& text) {
    checkJsonDepth(text);
    return nlohmann::json::parse(text);
}

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when the byte there does not start one.
size_t utf8Length(const std::string& s, size_t i) {
    const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    if (c < 0x80) return 1;
    size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c == 0xE0) n = 3, lo = 0xA0;
    else if (c >= 0xE1 && c <= 0xEC) n = 3;
    else if (c == 0xED) n = 3, hi = 0x9F;  // no UTF-16 surrogates
    else if (c >= 0xEE && c <= 0xEF) n = 3;
    else if (c == 0xF0) n = 4, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) n = 4;
    else if (c == 0xF4) n = 4, hi = 0x8F;
    else return 0;
    if (i + n > s.size()) return 0;
    if (b(i + 1) < lo || b(i + 1) > hi) return 0;
    for (size_t k = 2; k < n; ++k)
        if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
    return n;
}

}  // namespace

bool isValidUtf8(const std::string& s) {
    for (size_t i = 0; i < s.size();) {
        const size_t n = utf8Length(s, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

std::string toValidUtf8(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        const size_t n = utf8Length(s, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(s, i, n);
            i += n;
        }
    }
    return out;
}

std::string findInvalidUtf8(const nlohmann::json& j) {
    std::vector<std::pair<const nlohmann::json*, std::string>> stack{{&j, ""}};
    while (!stack.empty()) {
        auto [v, path] = stack.back();
        stack.pop_back();
        if (v->is_string()) {
            if (!isValidUtf8(v->get_ref<const std::string&>())) return path.empty() ? "(value)" : path;
        } else if (v->is_object()) {
            for (auto it = v->begin(); it != v->end(); ++it) {
                const std::string child = path.empty() ? it.key() : path + "." + it.key();
                if (!isValidUtf8(it.key())) return toValidUtf8(child) + " (key)";
                stack.emplace_back(&it.value(), child);
            }
        } else if (v->is_array()) {
            for (size_t i = 0; i < v->size(); ++i) stack.emplace_back(&(*v)[i], path + "[" + std::to_string(i) + "]");
        }
    }
    return "";
}

std::string dumpSafe(const nlohmann::json& j, int indent) {
    return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string describeJson(const nlohmann::json& j, size_t maxChars) {
    std::string s;
    if (j.is_array()) s = "an array of " + std::to_string(j.size());
    else if (j.is_object()) s = "an object of " + std::to_string(j.size()) + " keys";
    else s = dumpSafe(j);
    if (s.size() > maxChars) s = toValidUtf8(s.substr(0, maxChars)) + "...";
    return s;
}

}  // namespace gcpo::util
