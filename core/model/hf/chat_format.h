// Chat formats that wrap a task prompt for an instruction-tuned model (chatml for Qwen, llama3, plain),
// chosen from the markers in tokenizer_config.json's chat_template or by name. The text equals what
// the model's Jinja template renders for [system?, user] with add_generation_prompt=True.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/hf/bpe_tokenizer.h"

namespace gcpo::model::hf {

enum class ChatFormatKind {
    Plain,   // the prompt as it is (a system prompt, when given, goes before it and a blank line)
    ChatMl,  // <|im_start|>role\n...<|im_end|>\n ... <|im_start|>assistant\n  (Qwen2, Qwen2.5, Qwen3)
    Llama3,  // <|begin_of_text|><|start_header_id|>role<|end_header_id|>\n\n...<|eot_id|> ...
};

// "plain", "chatml", "llama3"; std::nullopt for anything else ("auto" included).
std::optional<ChatFormatKind> parseChatFormatKind(std::string_view name);
const char* chatFormatKindName(ChatFormatKind kind);
// chatml when the template mentions <|im_start|>, llama3 when it mentions <|start_header_id|>,
// else plain (also for a tokenizer without a chat template: a base model).
ChatFormatKind detectChatFormatKind(const std::string& chatTemplate);

class ChatFormat {
public:
    // `name` is "auto" (detect from the tokenizer's chat template) or a kind name. Throws
    // std::invalid_argument for an unknown name, or when the tokenizer lacks a marker token of the
    // format (naming it). An empty systemPrompt means none: the template's own default system message
    // is then used where it has one (Qwen2.5's "You are Qwen, created by Alibaba Cloud. ...").
    ChatFormat(const BpeTokenizer& tokenizer, const std::string& name = "auto", std::string systemPrompt = {});
    // The same with a chat template given explicitly instead of the tokenizer's own.
    ChatFormat(const BpeTokenizer& tokenizer, const std::string& name, std::string systemPrompt, const std::string& chatTemplate);

    ChatFormatKind kind() const { return m_kind; }
    // The prompt text ready for generation (ends with the assistant header for chat formats).
    std::string promptText(const std::string& userPrompt) const;
    // Its token ids: chat formats encode the text without adding special tokens (the markers are in
    // the text, as transformers' apply_chat_template(tokenize=True) does); plain adds them (BOS).
    std::vector<int32_t> promptIds(const std::string& userPrompt) const;
    // Ids that end a completion: the tokenizer's EOS ids plus the format's end-of-turn token.
    const std::vector<int32_t>& stopIds() const { return m_stopIds; }
    // The system message actually used (the given one, the template's default, or empty).
    const std::string& systemPrompt() const { return m_system; }

private:
    BpeTokenizer m_tokenizer;
    ChatFormatKind m_kind = ChatFormatKind::Plain;
    std::string m_system;
    std::string m_llama3Preamble;  // Llama 3.1+: "Cutting Knowledge Date: ...\nToday Date: ...\n\n"
    std::vector<int32_t> m_stopIds;
};

}  // namespace gcpo::model::hf
