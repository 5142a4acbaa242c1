// How a policy's text becomes token ids and back in RL: the built-in character tokenizer, or a
// Hugging Face tokenizer with its chat format (the prompt is wrapped as the model was trained to see
// it; a completion ends at any of the format's stop ids). Torch-free.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/tokenizer.h"

namespace gcpo::model {

class PromptCodec {
public:
    virtual ~PromptCodec() = default;
    // Token ids of a task prompt, ready for sampling (BOS / chat markers included).
    virtual std::vector<int64_t> encodePrompt(const std::string& prompt) const = 0;
    // Text of a completion: cut at the first stop id, special tokens left out.
    virtual std::string decodeCompletion(const std::vector<int64_t>& ids) const = 0;
    // Ids that end a completion (the EOS of the built-in tokenizer; EOS ids + end-of-turn for HF).
    virtual std::vector<int64_t> stopIds() const = 0;
    virtual std::string describe() const = 0;  // "builtin", "hf chatml", ...
};

std::shared_ptr<PromptCodec> makeBuiltinCodec(const Tokenizer& tokenizer);
// DIR's tokenizer.json with chat format `chatFormat` ("auto", "chatml", "llama3", "plain") and an
// optional system prompt. Throws std::invalid_argument (naming the file) when unusable.
std::shared_ptr<PromptCodec> makeHfCodec(const std::string& modelDir, const std::string& chatFormat = "auto",
                                         const std::string& systemPrompt = {});

}  // namespace gcpo::model
