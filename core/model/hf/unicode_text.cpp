// UTF-8 and Unicode helpers of the Hugging Face tokenizer (see unicode_text.h).
#include "model/hf/unicode_text.h"

#include <cstdlib>
#include <memory>
#include <stdexcept>

#include <utf8proc.h>

namespace gcpo::model::hf {

namespace {

// Length of the well-formed prefix of a sequence starting at s[pos] (1..4), and whether it is
// complete. Follows Unicode Table 3-7 (well-formed byte sequences).
struct SeqCheck {
    size_t length = 0;  // bytes that belong to the sequence so far (maximal subpart when !complete)
    bool complete = false;
};

SeqCheck checkSequence(std::string_view s, size_t pos) {
    const auto b0 = static_cast<unsigned char>(s[pos]);
    if (b0 < 0x80) return {1, true};
    size_t need = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;
    } else {
        return {1, false};  // a continuation byte or C0, C1, F5..FF: never valid as a start
    }
    size_t len = 1;
    for (size_t k = 0; k < need; ++k) {
        if (pos + len >= s.size()) return {len, false};
        const auto b = static_cast<unsigned char>(s[pos + len]);
        const unsigned char l = (k == 0) ? lo : 0x80, h = (k == 0) ? hi : 0xBF;
        if (b < l || b > h) return {len, false};
        ++len;
    }
    return {len, true};
}

}  // namespace

bool nextCodePoint(std::string_view s, size_t& pos, char32_t& cp) {
    if (pos >= s.size()) return false;
    const SeqCheck c = checkSequence(s, pos);
    if (!c.complete) return false;
    const auto b0 = static_cast<unsigned char>(s[pos]);
    if (c.length == 1) {
        cp = b0;
    } else {
        cp = b0 & (0xFF >> (c.length + 1));
        for (size_t k = 1; k < c.length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[pos + k]) & 0x3F);
    }
    pos += c.length;
    return true;
}

size_t invalidUtf8Offset(std::string_view s) {
    size_t pos = 0;
    while (pos < s.size()) {
        if (static_cast<unsigned char>(s[pos]) < 0x80) {
            ++pos;
            continue;
        }
        const SeqCheck c = checkSequence(s, pos);
        if (!c.complete) return pos;
        pos += c.length;
    }
    return std::string_view::npos;
}

void appendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string utf8Lossy(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    size_t pos = 0;
    while (pos < bytes.size()) {
        const SeqCheck c = checkSequence(bytes, pos);
        if (c.complete) {
            out.append(bytes.data() + pos, c.length);
        } else {
            out += "\xEF\xBF\xBD";  // U+FFFD for the maximal subpart
        }
        pos += c.length;
    }
    return out;
}

namespace {

bool isAscii(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

struct FreeDeleter {
    void operator()(void* p) const { std::free(p); }
};

}  // namespace

std::string normalizeUnicode(std::string_view s, NormalForm form) {
    if (isAscii(s)) return std::string(s);  // ASCII is invariant under all four forms
    int options = UTF8PROC_STABLE;
    switch (form) {
    case NormalForm::Nfc: options |= UTF8PROC_COMPOSE; break;
    case NormalForm::Nfd: options |= UTF8PROC_DECOMPOSE; break;
    case NormalForm::Nfkc: options |= UTF8PROC_COMPOSE | UTF8PROC_COMPAT; break;
    case NormalForm::Nfkd: options |= UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT; break;
    }
    utf8proc_uint8_t* dst = nullptr;
    // A given length (not UTF8PROC_NULLTERM) keeps embedded NUL characters.
    const utf8proc_ssize_t n =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()), &dst,
                     static_cast<utf8proc_option_t>(options));
    std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owned(dst);
    if (n < 0) throw std::invalid_argument(std::string("Unicode normalisation failed: ") + utf8proc_errmsg(n));
    return std::string(reinterpret_cast<const char*>(dst), static_cast<size_t>(n));
}

std::string lowercaseUnicode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    size_t pos = 0;
    char32_t cp = 0;
    while (pos < s.size()) {
        if (!nextCodePoint(s, pos, cp)) throw std::invalid_argument("lowercase: invalid UTF-8");
        appendUtf8(out, static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp))));
    }
    return out;
}

bool isUnicodeWhitespace(char32_t cp) {
    switch (cp) {
    case 0x09:
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x20:
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000: return true;
    default: return cp >= 0x2000 && cp <= 0x200A;
    }
}

bool isWordChar(char32_t cp) {
    if (cp < 0x80) return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_';
    if (cp == 0x200C || cp == 0x200D) return true;
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_PC: return true;
    default: return false;
    }
}

namespace {

// bytes '!'..'~', 0xA1..0xAC, 0xAE..0xFF stand for themselves; the other 68 bytes map in order to
// U+0100, U+0101, ... (GPT-2's bytes_to_unicode).
struct ByteLevelTables {
    std::array<std::string, 256> byteToText;
    std::array<int, 324> cpToByte;  // code points 0..323 cover the whole alphabet
    ByteLevelTables() {
        cpToByte.fill(-1);
        int next = 0;
        for (int b = 0; b < 256; ++b) {
            const bool self = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            const char32_t cp = self ? static_cast<char32_t>(b) : static_cast<char32_t>(256 + next++);
            appendUtf8(byteToText[b], cp);
            cpToByte[cp] = b;
        }
    }
};

const ByteLevelTables& byteLevelTables() {
    static const ByteLevelTables tables;
    return tables;
}

}  // namespace

const std::array<std::string, 256>& byteLevelAlphabet() { return byteLevelTables().byteToText; }

int byteLevelByte(char32_t cp) {
    const auto& t = byteLevelTables().cpToByte;
    return cp < t.size() ? t[cp] : -1;
}

}  // namespace gcpo::model::hf
