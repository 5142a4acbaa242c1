// The stages of tokenizer.json around the BPE model: normalizer, pre-tokenizer, post-processor and
// decoder, each parsed from its JSON object with the semantics of the `tokenizers` library.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/hf/tokenizer_json.h"

namespace gcpo::model::hf {

// A piece of input text between added tokens, split further by pre-tokenizers. `atStart` is true for
// the piece that begins at offset 0 of the original input (Metaspace's prepend_scheme "first").
struct TextPiece {
    std::string text;
    bool atStart = false;
};

class Normalizer {
public:
    virtual ~Normalizer() = default;
    virtual std::string normalize(const std::string& s) const = 0;
};

class PreTokenizer {
public:
    virtual ~PreTokenizer() = default;
    // Splits and transforms each piece in place; empty pieces are dropped.
    virtual void preTokenize(std::vector<TextPiece>& pieces) const = 0;
};

class PostProcessor {
public:
    virtual ~PostProcessor() = default;
    // Adds the special tokens of a single sequence (called only when encoding with addSpecial).
    virtual void addSpecial(std::vector<int32_t>& ids) const = 0;
};

class Decoder {
public:
    virtual ~Decoder() = default;
    // Turns token strings into text pieces; decoding joins the result.
    virtual void decodeChain(std::vector<std::string>& tokens) const = 0;
};

// Each returns nullptr for a JSON null (the stage is absent) and throws TokenizerError naming the
// path for an unknown type or a bad field.
std::unique_ptr<Normalizer> parseNormalizer(const JsonAt& j);
std::unique_ptr<PreTokenizer> parsePreTokenizer(const JsonAt& j);
std::unique_ptr<PostProcessor> parsePostProcessor(const JsonAt& j);
std::unique_ptr<Decoder> parseDecoder(const JsonAt& j);

}  // namespace gcpo::model::hf
