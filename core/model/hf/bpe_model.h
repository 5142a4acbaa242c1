// The BPE model of tokenizer.json: vocabulary, ranked merges, and the merge loop of `tokenizers`
// (lowest rank first, leftmost on ties), with a word -> ids cache shared by all threads.
#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/hf/tokenizer_json.h"

namespace gcpo::model::hf {

class BpeModel {
public:
    // Parses tokenizer.json's "model" object ({"type": "BPE", "vocab": {...}, "merges": [...]}).
    // Merges may be ["a", "b"] pairs or legacy "a b" strings. Throws TokenizerError naming the path.
    explicit BpeModel(const JsonAt& model);

    // Appends the ids of one pre-tokenized word.
    void tokenize(std::string_view word, std::vector<int32_t>& out) const;

    std::optional<int32_t> tokenId(std::string_view token) const;
    const std::string* token(int32_t id) const;  // nullptr when the id is not in the vocabulary
    int32_t idLimit() const { return static_cast<int32_t>(m_idToToken.size()); }

private:
    struct Symbol {
        int32_t id;
        int32_t prev, next;  // indices into the symbol array, -1 at the ends
        bool alive;
    };
    std::vector<int32_t> merge(std::string_view word) const;
    void initialSymbols(std::string_view word, std::vector<Symbol>& symbols) const;

    std::unordered_map<std::string, int32_t> m_vocab;
    std::vector<const std::string*> m_idToToken;                          // id -> key of m_vocab, nullptr for an unused id
    std::unordered_map<uint64_t, std::pair<uint32_t, int32_t>> m_merges;  // (left id, right id) -> (rank, merged id)
    std::optional<int32_t> m_unkId;
    std::string m_prefix, m_suffix;  // continuing_subword_prefix, end_of_word_suffix
    bool m_fuseUnk = false, m_byteFallback = false, m_ignoreMerges = false;
    std::vector<int32_t> m_byteFallbackIds;  // <0x00>..<0xFF> when byte_fallback, else empty

    mutable std::shared_mutex m_cacheMutex;
    mutable std::unordered_map<std::string, std::vector<int32_t>> m_cache;
};

}  // namespace gcpo::model::hf
