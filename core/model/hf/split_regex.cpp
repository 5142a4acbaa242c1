// Oniguruma-style regex search over PCRE2 for tokenizer.json patterns (see split_regex.h).
#include "model/hf/split_regex.h"

#include <optional>
#include <stdexcept>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

namespace gcpo::model::hf {

namespace {

// Oniguruma's \s in UTF-8 mode is Unicode White_Space. PCRE2's \s with UCP also takes U+180E, and
// JavaScript's takes U+FEFF: spelling the set out keeps the semantics of `tokenizers`.
constexpr const char* kWhiteSpaceItems =
    "\\t-\\r\\x{20}\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}";

bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

}  // namespace

std::string onigWhitespaceCompatible(const std::string& p) {
    std::string out;
    out.reserve(p.size() + 64);
    int classDepth = 0;  // Oniguruma allows nested classes ([^(\s|[.,])]); PCRE2 does not: flatten them
    for (size_t i = 0; i < p.size(); ++i) {
        const char c = p[i];
        if (c == '\\' && i + 1 < p.size()) {
            const char e = p[i + 1];
            if (e == 's') {
                out += classDepth > 0 ? std::string(kWhiteSpaceItems) : std::string("[") + kWhiteSpaceItems + "]";
            } else if (e == 'S' && classDepth == 0) {
                out += std::string("[^") + kWhiteSpaceItems + "]";
            } else if (e == 'u' && i + 5 < p.size() && isHex(p[i + 2]) && isHex(p[i + 3]) && isHex(p[i + 4]) && isHex(p[i + 5])) {
                out += "\\x{" + p.substr(i + 2, 4) + "}";  // Oniguruma's \uHHHH; PCRE2 wants \x{HHHH}
                i += 4;
            } else {
                out += c;
                out += e;
            }
            ++i;
            continue;
        }
        if (classDepth == 0) {
            if (c == '[') {
                classDepth = 1;
                out += c;
                if (i + 1 < p.size() && p[i + 1] == '^') out += p[++i];
                if (i + 1 < p.size() && p[i + 1] == ']') out += p[++i];  // a leading ']' is literal
                continue;
            }
            out += c;
            continue;
        }
        if (c == '[' && i + 1 < p.size() && p[i + 1] == ':') {  // POSIX [:alpha:] stays as it is
            const size_t close = p.find(":]", i + 2);
            if (close != std::string::npos) {
                out += p.substr(i, close + 2 - i);
                i = close + 1;
                continue;
            }
        }
        if (c == '[') {
            if (i + 1 < p.size() && p[i + 1] == '^')
                throw std::invalid_argument("negated class nested in a class is not supported");
            ++classDepth;  // a nested class is a union: its items join the outer class
            continue;
        }
        if (c == ']') {
            if (--classDepth == 0) out += c;
            continue;
        }
        out += c;
    }
    return out;
}

struct SplitRegex::Code {
    pcre2_code* code = nullptr;
    ~Code() { pcre2_code_free(code); }
};

SplitRegex::SplitRegex(const std::string& pattern) {
    const std::string translated = onigWhitespaceCompatible(pattern);
    int err = 0;
    PCRE2_SIZE errOffset = 0;
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(translated.data()), translated.size(), PCRE2_UTF | PCRE2_UCP,
                                     &err, &errOffset, nullptr);
    if (!code) {
        PCRE2_UCHAR buf[256];
        pcre2_get_error_message(err, buf, sizeof(buf));
        throw std::invalid_argument("regex does not compile: " + std::string(reinterpret_cast<const char*>(buf)) + " at offset " +
                                    std::to_string(errOffset));
    }
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);  // a speed-up only: without JIT the interpreter runs
    auto owned = std::make_shared<Code>();
    owned->code = code;
    m_code = std::move(owned);
}

SplitRegex SplitRegex::literal(const std::string& literal) {
    std::string p;  // every ASCII punctuation or space escaped: a backslash before it makes it literal
    for (char c : literal) {
        const auto u = static_cast<unsigned char>(c);
        const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (u < 0x80 && !alnum) p += '\\';
        p += c;
    }
    return SplitRegex(p);
}

std::vector<std::pair<size_t, size_t>> SplitRegex::findAll(std::string_view text) const {
    std::vector<std::pair<size_t, size_t>> out;
    std::unique_ptr<pcre2_match_data, decltype(&pcre2_match_data_free)> md(
        pcre2_match_data_create_from_pattern(m_code->code, nullptr), &pcre2_match_data_free);
    const auto* subject = reinterpret_cast<PCRE2_SPTR>(text.data());
    size_t searchFrom = 0;
    std::optional<size_t> lastMatchEnd;
    while (searchFrom <= text.size()) {
        int rc = pcre2_match(m_code->code, subject, text.size(), searchFrom, PCRE2_NO_UTF_CHECK, md.get(), nullptr);
        if (rc == PCRE2_ERROR_JIT_STACKLIMIT)  // very long runs: the interpreter keeps its state on the heap
            rc =
                pcre2_match(m_code->code, subject, text.size(), searchFrom, PCRE2_NO_UTF_CHECK | PCRE2_NO_JIT, md.get(), nullptr);
        if (rc == PCRE2_ERROR_NOMATCH) break;
        if (rc < 0) {
            PCRE2_UCHAR buf[256];
            pcre2_get_error_message(rc, buf, sizeof(buf));
            throw std::runtime_error("regex match failed: " + std::string(reinterpret_cast<const char*>(buf)));
        }
        const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md.get());
        const size_t s = ov[0], e = ov[1];
        if (s == e && lastMatchEnd && *lastMatchEnd == e) {
            // No empty match right after the previous match (Oniguruma's find_iter): step one character.
            if (searchFrom >= text.size()) break;
            ++searchFrom;
            while (searchFrom < text.size() && (static_cast<unsigned char>(text[searchFrom]) & 0xC0) == 0x80) ++searchFrom;
            continue;
        }
        out.emplace_back(s, e);
        searchFrom = e;
        lastMatchEnd = e;
    }
    return out;
}

}  // namespace gcpo::model::hf
