// The built-in and Hugging Face prompt codecs (see prompt_codec.h).
#include "model/prompt_codec.h"

#include <algorithm>

#include "model/hf/bpe_tokenizer.h"
#include "model/hf/chat_format.h"

namespace gcpo::model {

namespace {

class BuiltinCodec : public PromptCodec {
public:
    explicit BuiltinCodec(const Tokenizer& t) : m_tokenizer(t) {}
    std::vector<int64_t> encodePrompt(const std::string& prompt) const override {
        return m_tokenizer.encode(prompt, /*addBos=*/true);
    }
    std::string decodeCompletion(const std::vector<int64_t>& ids) const override {
        return m_tokenizer.decode(ids, /*skipSpecial=*/true, /*stopAtEos=*/true);
    }
    std::vector<int64_t> stopIds() const override { return {m_tokenizer.eos()}; }
    std::string describe() const override { return "builtin"; }

private:
    Tokenizer m_tokenizer;
};

class HfCodec : public PromptCodec {
public:
    HfCodec(const hf::BpeTokenizer& t, const std::string& format, const std::string& system)
        : m_tokenizer(t), m_chat(t, format, system) {
        for (int32_t id : m_chat.stopIds()) m_stop.push_back(id);
    }
    std::vector<int64_t> encodePrompt(const std::string& prompt) const override {
        const auto ids = m_chat.promptIds(prompt);
        return std::vector<int64_t>(ids.begin(), ids.end());
    }
    std::string decodeCompletion(const std::vector<int64_t>& ids) const override {
        std::vector<int32_t> kept;
        for (int64_t id : ids) {
            if (std::find(m_stop.begin(), m_stop.end(), id) != m_stop.end()) break;
            kept.push_back(static_cast<int32_t>(id));
        }
        return m_tokenizer.decode(kept, /*skipSpecial=*/true);
    }
    std::vector<int64_t> stopIds() const override { return m_stop; }
    std::string describe() const override { return std::string("hf ") + hf::chatFormatKindName(m_chat.kind()); }

private:
    hf::BpeTokenizer m_tokenizer;
    hf::ChatFormat m_chat;
    std::vector<int64_t> m_stop;
};

}  // namespace

std::shared_ptr<PromptCodec> makeBuiltinCodec(const Tokenizer& tokenizer) { return std::make_shared<BuiltinCodec>(tokenizer); }

std::shared_ptr<PromptCodec> makeHfCodec(const std::string& modelDir, const std::string& chatFormat,
                                         const std::string& systemPrompt) {
    return std::make_shared<HfCodec>(hf::BpeTokenizer::fromFolder(modelDir), chatFormat, systemPrompt);
}

}  // namespace gcpo::model
