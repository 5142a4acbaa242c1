// Character-level tokenizer: fixed vocabulary of PAD/BOS/EOS, '\n' and printable ASCII.
#include "model/tokenizer.h"

#include <cstdio>
#include <stdexcept>

namespace gcpo::model {

namespace {

constexpr const char* kFormat = "gcpo-char-v1";

std::string describeByte(unsigned char c) {
    char buf[48];
    if (c >= 32 && c < 127) std::snprintf(buf, sizeof buf, "'%c' (0x%02X)", c, c);
    else if (c == '\t') std::snprintf(buf, sizeof buf, "'\\t' (0x%02X)", c);
    else if (c == '\r') std::snprintf(buf, sizeof buf, "'\\r' (0x%02X)", c);
    else std::snprintf(buf, sizeof buf, "byte 0x%02X%s", c, c >= 0x80 ? " (non-ASCII)" : "");
    return buf;
}

}  // namespace

Tokenizer::Tokenizer() {
    m_idToText = {"<pad>", "<bos>", "<eos>", "\n"};
    for (int c = 32; c <= 126; ++c) m_idToText.emplace_back(1, static_cast<char>(c));
    for (auto& id : m_charToId) id = -1;
    for (size_t id = 3; id < m_idToText.size(); ++id)
        m_charToId[static_cast<unsigned char>(m_idToText[id][0])] = static_cast<int64_t>(id);
}

bool Tokenizer::canEncode(char c) const { return m_charToId[static_cast<unsigned char>(c)] >= 0; }

std::vector<int64_t> Tokenizer::encode(const std::string& text, bool addBos, bool addEos) const {
    std::vector<int64_t> ids;
    ids.reserve(text.size() + 2);
    if (addBos) ids.push_back(kBos);
    for (size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        const int64_t id = m_charToId[c];
        if (id < 0)
            throw std::invalid_argument("tokenizer: character " + describeByte(c) + " at position " + std::to_string(i) +
                                        " is not in the vocabulary (printable ASCII and newline only)");
        ids.push_back(id);
    }
    if (addEos) ids.push_back(kEos);
    return ids;
}

std::string Tokenizer::decode(const std::vector<int64_t>& ids, bool skipSpecial, bool stopAtEos) const {
    std::string out;
    out.reserve(ids.size());
    for (size_t i = 0; i < ids.size(); ++i) {
        const int64_t id = ids[i];
        if (id < 0 || id >= vocabSize())
            throw std::out_of_range("tokenizer: token id " + std::to_string(id) + " at position " + std::to_string(i) +
                                    " is outside the vocabulary (0.." + std::to_string(vocabSize() - 1) + ")");
        if (id == kEos && stopAtEos) {
            if (!skipSpecial) out += m_idToText[id];
            break;
        }
        if (id < 3) {
            if (!skipSpecial) out += m_idToText[id];
            continue;
        }
        out += m_idToText[id];
    }
    return out;
}

nlohmann::json Tokenizer::toJson() const { return {{"format", kFormat}, {"tokens", m_idToText}}; }

Tokenizer Tokenizer::fromJson(const nlohmann::json& j) {
    if (!j.is_object()) throw std::invalid_argument("tokenizer: vocabulary must be a JSON object");
    if (!j.contains("format") || !j["format"].is_string())
        throw std::invalid_argument("tokenizer.format: missing (expected \"" + std::string(kFormat) + "\")");
    if (j["format"].get<std::string>() != kFormat)
        throw std::invalid_argument("tokenizer.format: \"" + j["format"].get<std::string>() + "\" is not supported (expected \"" +
                                    kFormat + "\")");
    if (!j.contains("tokens") || !j["tokens"].is_array())
        throw std::invalid_argument("tokenizer.tokens: missing or not an array");
    Tokenizer t;
    const auto& tokens = j["tokens"];
    for (size_t i = 0; i < tokens.size(); ++i)
        if (!tokens[i].is_string()) throw std::invalid_argument("tokenizer.tokens[" + std::to_string(i) + "]: not a string");
    const auto given = tokens.get<std::vector<std::string>>();
    if (given.size() != t.m_idToText.size())
        throw std::invalid_argument("tokenizer.tokens: " + std::to_string(given.size()) +
                                    " tokens, this build's vocabulary has " + std::to_string(t.m_idToText.size()));
    for (size_t i = 0; i < given.size(); ++i)
        if (given[i] != t.m_idToText[i])
            throw std::invalid_argument("tokenizer.tokens[" + std::to_string(i) + "]: \"" + given[i] +
                                        "\" differs from this build's \"" + t.m_idToText[i] + "\"");
    return t;
}

}  // namespace gcpo::model
