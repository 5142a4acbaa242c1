// Chat formats chatml / llama3 / plain (see chat_format.h). The text of each follows the Jinja chat
// templates the models ship (Qwen2.5/Qwen3 chatml, Llama 3 / 3.1 Instruct) for [system?, user] plus
// add_generation_prompt; the test renders the real template with jinja2 and compares.
#include "model/hf/chat_format.h"

#include <algorithm>
#include <stdexcept>

#include "model/hf/unicode_text.h"

namespace gcpo::model::hf {

namespace {

// Python's str.strip() (Jinja's trim filter): Unicode whitespace plus the separators U+001C..U+001F.
std::string pythonStrip(const std::string& s) {
    auto isSpace = [](char32_t c) { return isUnicodeWhitespace(c) || (c >= 0x1C && c <= 0x1F); };
    size_t begin = 0, end = s.size();
    for (size_t pos = 0; pos < s.size();) {
        char32_t cp = 0;
        if (!nextCodePoint(s, pos, cp) || !isSpace(cp)) break;
        begin = pos;
    }
    while (end > begin) {
        size_t start = end - 1;
        while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
        size_t pos = start;
        char32_t cp = 0;
        if (!nextCodePoint(s, pos, cp) || !isSpace(cp)) break;
        end = start;
    }
    return s.substr(begin, end - begin);
}

// A Jinja string literal's escapes (\n, \t, \\, \', \") resolved.
std::string unescapeJinja(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            const char e = s[++i];
            out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
        } else {
            out += s[i];
        }
    }
    return out;
}

// The default system message of a chatml template: a literal '<|im_start|>system\n...<|im_end|>'
// without template code inside (Qwen2.5's "You are Qwen, created by Alibaba Cloud. ...").
std::string chatMlDefaultSystem(const std::string& tpl) {
    const std::string open = "<|im_start|>system\\n", close = "<|im_end|>";
    for (size_t pos = tpl.find(open); pos != std::string::npos; pos = tpl.find(open, pos + 1)) {
        const size_t from = pos + open.size();
        const size_t end = tpl.find(close, from);
        if (end == std::string::npos) break;
        const std::string body = tpl.substr(from, end - from);
        if (!body.empty() && body.find_first_of("'\"{}") == std::string::npos) return unescapeJinja(body);
    }
    return {};
}

// Llama 3.1+ templates always open with a system block stating the knowledge cut-off and a date
// (date_string, default "26 Jul 2024"; 3.2 uses today's date when it can: we keep the fixed default
// so prompts are reproducible).
std::string llama3Preamble(const std::string& tpl) {
    const std::string cutoff = "Cutting Knowledge Date: December 2023";
    if (tpl.find(cutoff) == std::string::npos) return {};
    std::string date = "26 Jul 2024";
    const std::string key = "set date_string = \"";
    const size_t at = tpl.find(key);
    if (at != std::string::npos) {
        const size_t end = tpl.find('"', at + key.size());
        if (end != std::string::npos) date = tpl.substr(at + key.size(), end - at - key.size());
    }
    return cutoff + "\nToday Date: " + date + "\n\n";
}

}  // namespace

std::optional<ChatFormatKind> parseChatFormatKind(std::string_view name) {
    if (name == "plain") return ChatFormatKind::Plain;
    if (name == "chatml") return ChatFormatKind::ChatMl;
    if (name == "llama3") return ChatFormatKind::Llama3;
    return std::nullopt;
}

const char* chatFormatKindName(ChatFormatKind kind) {
    switch (kind) {
    case ChatFormatKind::Plain: return "plain";
    case ChatFormatKind::ChatMl: return "chatml";
    case ChatFormatKind::Llama3: return "llama3";
    }
    return "plain";
}

ChatFormatKind detectChatFormatKind(const std::string& chatTemplate) {
    if (chatTemplate.find("<|im_start|>") != std::string::npos) return ChatFormatKind::ChatMl;
    if (chatTemplate.find("<|start_header_id|>") != std::string::npos) return ChatFormatKind::Llama3;
    return ChatFormatKind::Plain;
}

ChatFormat::ChatFormat(const BpeTokenizer& tokenizer, const std::string& name, std::string systemPrompt)
    : ChatFormat(tokenizer, name, std::move(systemPrompt), tokenizer.chatTemplate()) {}

ChatFormat::ChatFormat(const BpeTokenizer& tokenizer, const std::string& name, std::string systemPrompt,
                       const std::string& chatTemplate)
    : m_tokenizer(tokenizer), m_system(std::move(systemPrompt)) {
    if (name == "auto") {
        m_kind = detectChatFormatKind(chatTemplate);
    } else if (const auto k = parseChatFormatKind(name)) {
        m_kind = *k;
    } else {
        throw std::invalid_argument("chat format '" + name + "' is unknown (auto, chatml, llama3, plain)");
    }
    std::vector<std::string> markers;
    std::string endOfTurn;
    if (m_kind == ChatFormatKind::ChatMl) {
        markers = {"<|im_start|>", "<|im_end|>"};
        endOfTurn = "<|im_end|>";
        if (m_system.empty()) m_system = chatMlDefaultSystem(chatTemplate);
    } else if (m_kind == ChatFormatKind::Llama3) {
        markers = {"<|begin_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"};
        endOfTurn = "<|eot_id|>";
        m_llama3Preamble = llama3Preamble(chatTemplate);
    }
    for (const std::string& m : markers) {
        if (tokenizer.encode(m).size() != 1)
            throw std::invalid_argument(std::string("chat format ") + chatFormatKindName(m_kind) +
                                        ": the tokenizer has no token " + m + " (choose another chat format)");
    }
    m_stopIds = tokenizer.eosIds();
    if (!endOfTurn.empty()) {
        const int32_t id = tokenizer.encode(endOfTurn).front();
        if (std::find(m_stopIds.begin(), m_stopIds.end(), id) == m_stopIds.end()) m_stopIds.push_back(id);
    }
}

std::string ChatFormat::promptText(const std::string& userPrompt) const {
    switch (m_kind) {
    case ChatFormatKind::Plain: return m_system.empty() ? userPrompt : m_system + "\n\n" + userPrompt;
    case ChatFormatKind::ChatMl: {
        std::string s;
        if (!m_system.empty()) s += "<|im_start|>system\n" + m_system + "<|im_end|>\n";
        return s + "<|im_start|>user\n" + userPrompt + "<|im_end|>\n<|im_start|>assistant\n";
    }
    case ChatFormatKind::Llama3: {
        std::string s = "<|begin_of_text|>";
        if (!m_llama3Preamble.empty() || !m_system.empty())
            s += "<|start_header_id|>system<|end_header_id|>\n\n" + m_llama3Preamble + pythonStrip(m_system) + "<|eot_id|>";
        return s + "<|start_header_id|>user<|end_header_id|>\n\n" + pythonStrip(userPrompt) +
               "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n";
    }
    }
    return userPrompt;
}

std::vector<int32_t> ChatFormat::promptIds(const std::string& userPrompt) const {
    return m_tokenizer.encode(promptText(userPrompt), m_kind == ChatFormatKind::Plain);
}

}  // namespace gcpo::model::hf
