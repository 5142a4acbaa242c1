// Fuzz target: a Hugging Face tokenizer.json (and tokenizer_config.json after the first NUL byte)
// loaded by BpeTokenizer; when it loads, a fixed text is encoded and decoded again.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "model/hf/bpe_tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string all(reinterpret_cast<const char*>(data), size);
    const size_t cut = all.find('\0');
    const std::string config = cut == std::string::npos ? std::string() : all.substr(cut + 1);
    try {
        const auto tok = gcpo::model::hf::BpeTokenizer::fromJsonText(all.substr(0, cut), config);
        const auto ids = tok.encode("Hello, world! 12 + 30 = 42\n<|im_end|> héllo", true);
        (void)tok.decode(ids);
        (void)tok.decode(ids, true);
    } catch (const gcpo::model::hf::TokenizerError&) {  // every bad file is refused this way
    }
    return 0;
}
