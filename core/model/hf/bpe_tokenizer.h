// Byte-level BPE tokenizer of a Hugging Face model folder (tokenizer.json), token for token as the
// `tokenizers` library encodes and decodes. Plain C++ (no LibTorch): the CLI, the workbench and the
// sampler share it. Loading parses tokenizer.json once; a tokenizer is cheap to copy (shared state)
// and safe to use from several threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gcpo::model::hf {

// A tokenizer file that cannot be used: the message names the file and the JSON path of the bad
// value, e.g. "tokenizer.json: model.merges[12]: token 'xy' is not in model.vocab".
struct TokenizerError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

// One entry of tokenizer.json's "added_tokens": matched in the input before BPE.
struct AddedToken {
    int32_t id = 0;
    std::string content;
    bool special = false;     // skipped by decode(ids, skipSpecial = true)
    bool lstrip = false;      // swallows the whitespace before it
    bool rstrip = false;      // swallows the whitespace after it
    bool normalized = false;  // matched in the normalised text instead of the raw input
    bool singleWord = false;  // matched only when not inside a word
};

class BpeTokenizer {
public:
    // Reads DIR/tokenizer.json (required), DIR/tokenizer_config.json and DIR/generation_config.json
    // (both optional). Throws TokenizerError naming the file and JSON path when one is unusable.
    static BpeTokenizer fromFolder(const std::string& dir);
    // The same from file contents; `*Text` may be empty for an absent optional file. `sourceName`
    // prefixes error messages. This is the fuzzing entry point: any bad input throws TokenizerError.
    static BpeTokenizer fromJsonText(const std::string& tokenizerJsonText, const std::string& tokenizerConfigText = {},
                                     const std::string& generationConfigText = {},
                                     const std::string& sourceName = "tokenizer.json");

    // Token ids of `text` (valid UTF-8, else std::invalid_argument naming the byte offset). With
    // addSpecial, the post-processor's special tokens are added (e.g. Llama 3's <|begin_of_text|>;
    // Qwen adds none), as `tokenizers` does with add_special_tokens=True.
    std::vector<int32_t> encode(std::string_view text, bool addSpecial = false) const;
    // Text of `ids`; invalid UTF-8 from partial byte sequences becomes U+FFFD as in `tokenizers`
    // (String::from_utf8_lossy). Ids without a token (e.g. a model's padded vocabulary rows) are
    // skipped, as `tokenizers` does. With skipSpecial, special added tokens are left out.
    std::string decode(const std::vector<int32_t>& ids, bool skipSpecial = false) const;
    // The raw bytes one token stands for (no U+FFFD substitution), for incremental decoding:
    // concatenate these and cut at a UTF-8 boundary. Empty for an unknown id.
    std::string tokenBytes(int32_t id) const;

    // One past the largest id of the vocabulary and the added tokens (the embedding rows needed).
    int32_t vocabSize() const;
    // Id of a token given by its vocabulary string or added-token content.
    std::optional<int32_t> tokenId(std::string_view token) const;
    // The vocabulary string (byte-level alphabet) or added-token content of an id; empty when unknown.
    std::string idToToken(int32_t id) const;
    bool isSpecial(int32_t id) const;
    const std::vector<AddedToken>& addedTokens() const;

    // Ids that end generation: generation_config.json's eos_token_id (int or list) first, then
    // tokenizer_config.json's eos_token; duplicates removed. May be empty.
    const std::vector<int32_t>& eosIds() const;
    std::optional<int32_t> bosId() const;  // tokenizer_config.json's bos_token, when set and known
    std::optional<int32_t> padId() const;  // tokenizer_config.json's pad_token, when set and known
    // tokenizer_config.json's chat_template (a string; the "default" one when given as a list), else
    // the folder's chat_template.jinja; empty when neither exists.
    const std::string& chatTemplate() const;
    // The folder it was loaded from (empty for fromJsonText).
    const std::string& folder() const;

    struct Impl;

private:
    explicit BpeTokenizer(std::shared_ptr<const Impl> impl);
    std::shared_ptr<const Impl> m_impl;
};

}  // namespace gcpo::model::hf
