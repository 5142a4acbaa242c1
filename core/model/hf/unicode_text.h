// UTF-8 and Unicode helpers of the Hugging Face tokenizer: strict decoding, lossy decoding exactly as
// Rust's String::from_utf8_lossy, NFC/NFD/NFKC/NFKD (utf8proc), character classes as Rust's regex
// sees them, and GPT-2's byte <-> unicode alphabet of byte-level BPE.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gcpo::model::hf {

// Decodes the code point at `pos` and advances `pos`; returns false (leaving pos) when the bytes at
// pos are not a well-formed UTF-8 sequence (overlong, surrogate, above U+10FFFF, truncated).
bool nextCodePoint(std::string_view s, size_t& pos, char32_t& cp);
// Byte offset of the first ill-formed sequence, or std::string_view::npos when `s` is valid UTF-8.
size_t invalidUtf8Offset(std::string_view s);
void appendUtf8(std::string& out, char32_t cp);
// `bytes` as valid UTF-8 with each maximal ill-formed subpart replaced by U+FFFD (Unicode's
// "substitution of maximal subparts", which Rust's from_utf8_lossy and JS's TextDecoder follow).
std::string utf8Lossy(std::string_view bytes);

enum class NormalForm { Nfc, Nfd, Nfkc, Nfkd };
// `s` (valid UTF-8) in the given normal form. Pure ASCII is returned unchanged without a copy cost.
std::string normalizeUnicode(std::string_view s, NormalForm form);
std::string lowercaseUnicode(std::string_view s);

// Unicode White_Space (Rust's char::is_whitespace and regex \s; Oniguruma's \s).
bool isUnicodeWhitespace(char32_t cp);
// Rust regex \w: letters, marks, decimal digits, connector punctuation, ZWNJ/ZWJ.
bool isWordChar(char32_t cp);

// GPT-2's byte-level alphabet: byte b <-> the UTF-8 string of one printable code point.
const std::array<std::string, 256>& byteLevelAlphabet();
// The byte a byte-level code point stands for, or -1 when cp is not in the alphabet.
int byteLevelByte(char32_t cp);

}  // namespace gcpo::model::hf
