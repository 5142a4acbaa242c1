// Character-level tokenizer of the policy: fixed vocabulary, every digit its own token, exact round trip.
// Plain C++ (no LibTorch): the workbench and the CLI can encode and decode without tensors.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gcpo::model {

// Vocabulary: ids 0..2 are PAD, BOS, EOS; id 3 is '\n'; ids 4..98 are printable ASCII 32..126
// in order (so every digit, every letter and every operator is its own token). 99 tokens in all.
class Tokenizer {
public:
    static constexpr int64_t kPad = 0;
    static constexpr int64_t kBos = 1;
    static constexpr int64_t kEos = 2;

    Tokenizer();  // the standard vocabulary above

    int64_t vocabSize() const { return static_cast<int64_t>(m_idToText.size()); }
    int64_t pad() const { return kPad; }
    int64_t bos() const { return kBos; }
    int64_t eos() const { return kEos; }

    // Token ids of `text`, optionally framed by BOS / EOS. Throws std::invalid_argument naming the
    // character (as a code point in hex and, when printable, the character) and its byte position
    // for anything outside the vocabulary (tabs, carriage returns, non-ASCII bytes).
    std::vector<int64_t> encode(const std::string& text, bool addBos = false, bool addEos = false) const;
    // The text of `ids`. Special tokens are skipped when skipSpecial is true; otherwise they are written
    // as <pad>, <bos>, <eos>. Decoding stops at the first EOS when stopAtEos. Throws std::out_of_range
    // naming the id and position for an id outside the vocabulary.
    std::string decode(const std::vector<int64_t>& ids, bool skipSpecial = true, bool stopAtEos = false) const;

    bool canEncode(char c) const;

    // {"format":"gcpo-char-v1","tokens":["<pad>","<bos>","<eos>","\n"," ",...]} -- saved with every checkpoint.
    nlohmann::json toJson() const;
    // Throws std::invalid_argument when the JSON is not a vocabulary this code can use (naming the
    // key), including one that differs from the standard vocabulary.
    static Tokenizer fromJson(const nlohmann::json& j);

    bool operator==(const Tokenizer& o) const { return m_idToText == o.m_idToText; }
    bool operator!=(const Tokenizer& o) const { return !(*this == o); }

private:
    std::vector<std::string> m_idToText;  // id -> token text ("<pad>" etc. for specials)
    int64_t m_charToId[256];              // byte -> id, or -1
};

}  // namespace gcpo::model
