// Added and special tokens of tokenizer.json, found in the input before BPE: leftmost-longest matches,
// with the single_word / lstrip / rstrip rules of `tokenizers`' AddedVocabulary.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "model/hf/bpe_tokenizer.h"

namespace gcpo::model::hf {

class AddedVocabulary {
public:
    // A piece of the input: an added token (id >= 0) or text to normalise and pre-tokenize (id -1).
    struct Segment {
        std::string text;
        int32_t id = -1;
        bool atStart = false;  // begins at offset 0 of the original input
    };

    // `normalizedContent[i]` is tokens[i].content after the normalizer (for normalized tokens).
    void build(const std::vector<AddedToken>& tokens, const std::vector<std::string>& normalizedContent);
    bool empty() const { return m_raw.patterns.empty() && m_normalized.patterns.empty(); }

    // Splits `text` by the tokens matched on the raw input (normalized == false) or, with
    // `normalizedSet`, by those matched on normalised text. Appends to `out`; drops empty text.
    void split(const std::string& text, bool normalizedSet, bool atStart, std::vector<Segment>& out) const;

private:
    struct Pattern {
        std::string content;
        int32_t id;
        bool lstrip, rstrip, singleWord;
    };
    struct Set {
        std::vector<Pattern> patterns;
        std::array<std::vector<uint32_t>, 256> byFirstByte;  // pattern indices, longest first
    };
    static void index(Set& set);
    Set m_raw, m_normalized;
};

}  // namespace gcpo::model::hf
