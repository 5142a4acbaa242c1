// Hugging Face tokenizer facade (see bpe_tokenizer.h): loads tokenizer.json and the two optional
// configs, and runs added tokens -> normalizer -> pre-tokenizer -> BPE -> post-processor, and back.
#include "model/hf/bpe_tokenizer.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "model/hf/added_vocabulary.h"
#include "model/hf/bpe_model.h"
#include "model/hf/tokenizer_json.h"
#include "model/hf/tokenizer_pipeline.h"
#include "model/hf/unicode_text.h"

namespace gcpo::model::hf {

struct BpeTokenizer::Impl {
    std::unique_ptr<BpeModel> model;
    std::unique_ptr<Normalizer> normalizer;
    std::unique_ptr<PreTokenizer> preTokenizer;
    std::unique_ptr<PostProcessor> postProcessor;
    std::unique_ptr<Decoder> decoder;
    bool byteLevelDecoder = false;
    std::vector<AddedToken> added;
    std::vector<std::string> addedDecodeText;  // per added token: its text for the decoder
    std::unordered_map<int32_t, size_t> addedById;
    std::unordered_map<std::string, int32_t> addedByContent;
    AddedVocabulary matcher;
    int32_t vocabSize = 0;
    std::vector<int32_t> eos;
    std::optional<int32_t> bos, pad;
    std::string chatTemplate, folder;
    bool cleanUpSpaces = false;

    void parseTokenizerJson(const std::string& text, const std::string& source);
    void parseTokenizerConfig(const std::string& text, const std::string& source);
    void parseGenerationConfig(const std::string& text, const std::string& source);
    std::optional<int32_t> idOf(std::string_view token) const {
        const auto it = addedByContent.find(std::string(token));
        if (it != addedByContent.end()) return it->second;
        return model->tokenId(token);
    }
    std::vector<std::string> tokensOf(const std::vector<int32_t>& ids, bool skipSpecial) const;
};

namespace {

nlohmann::json parseJson(const std::string& text, const std::string& source) {
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw TokenizerError(source + ": not valid JSON (" + e.what() + ")");
    }
}

std::string readFile(const std::string& path, bool required, bool* found) {
    std::ifstream in(path, std::ios::binary);
    if (found) *found = static_cast<bool>(in);
    if (!in) {
        if (required) throw TokenizerError(path + ": cannot read file");
        return {};
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throw TokenizerError(path + ": read error");
    return ss.str();
}

// " ." -> "." and the other English contractions of transformers' clean_up_tokenization.
std::string cleanUpTokenizationSpaces(std::string s) {
    static const std::pair<const char*, const char*> kRules[] = {{" .", "."},     {" ?", "?"},     {" !", "!"},   {" ,", ","},
                                                                 {" ' ", "'"},    {" n't", "n't"}, {" 'm", "'m"}, {" 's", "'s"},
                                                                 {" 've", "'ve"}, {" 're", "'re"}};
    for (const auto& [from, to] : kRules) {
        std::string out;
        const std::string f = from;
        size_t pos = 0;
        for (size_t hit; (hit = s.find(f, pos)) != std::string::npos; pos = hit + f.size())
            out.append(s, pos, hit - pos).append(to);
        s = out.append(s, pos, std::string::npos);
    }
    return s;
}

}  // namespace

void BpeTokenizer::Impl::parseTokenizerJson(const std::string& text, const std::string& source) {
    const nlohmann::json doc = parseJson(text, source);
    const JsonAt root{doc, source, ""};
    if (!doc.is_object()) root.fail("must be a JSON object");
    model = std::make_unique<BpeModel>(root.at("model"));
    normalizer = root.has("normalizer") ? parseNormalizer(root.at("normalizer")) : nullptr;
    preTokenizer = root.has("pre_tokenizer") ? parsePreTokenizer(root.at("pre_tokenizer")) : nullptr;
    postProcessor = root.has("post_processor") ? parsePostProcessor(root.at("post_processor")) : nullptr;
    decoder = root.has("decoder") ? parseDecoder(root.at("decoder")) : nullptr;
    byteLevelDecoder = root.has("decoder") && doc["decoder"].value("type", "") == "ByteLevel";
    vocabSize = model->idLimit();
    if (root.has("added_tokens")) {
        const JsonAt list = root.at("added_tokens");
        for (size_t i = 0; i < list.array().size(); ++i) {
            const JsonAt t = list.at(i);
            AddedToken a;
            a.id = t.at("id").tokenIdValue();
            a.content = t.at("content").str();
            a.special = t.optBool("special", false);
            a.lstrip = t.optBool("lstrip", false);
            a.rstrip = t.optBool("rstrip", false);
            a.normalized = t.optBool("normalized", !a.special);
            a.singleWord = t.optBool("single_word", false);
            if (invalidUtf8Offset(a.content) != std::string_view::npos) t.at("content").fail("not valid UTF-8");
            if (a.id >= model->idLimit() + (1 << 20)) t.at("id").fail("token id implausibly large for the vocabulary size");
            vocabSize = std::max(vocabSize, a.id + 1);
            addedById[a.id] = added.size();
            addedByContent[a.content] = a.id;
            added.push_back(std::move(a));
        }
    }
    std::vector<std::string> normalizedContent;
    for (const AddedToken& a : added) {
        const std::string n = (a.normalized && normalizer) ? normalizer->normalize(a.content) : a.content;
        normalizedContent.push_back(n);
        addedDecodeText.push_back(n);  // `tokenizers` decodes a normalized token through its normalized form
    }
    matcher.build(added, normalizedContent);
}

void BpeTokenizer::Impl::parseTokenizerConfig(const std::string& text, const std::string& source) {
    if (text.empty()) return;
    const nlohmann::json doc = parseJson(text, source);
    const JsonAt root{doc, source, ""};
    if (!doc.is_object()) root.fail("must be a JSON object");
    // A special token is a string or {"content": ...}; it must be a token of tokenizer.json.
    auto special = [&](const char* key) -> std::optional<int32_t> {
        if (!root.has(key)) return std::nullopt;
        const JsonAt at = root.at(key);
        const std::string content = at.value.is_object() ? at.at("content").str() : at.str();
        const auto id = idOf(content);
        if (!id) at.fail("'" + content + "' is not a token of tokenizer.json");
        return id;
    };
    if (const auto e = special("eos_token")) eos.push_back(*e);
    bos = special("bos_token");
    pad = special("pad_token");
    cleanUpSpaces = root.optBool("clean_up_tokenization_spaces", false);
    if (root.has("chat_template")) {
        const JsonAt t = root.at("chat_template");
        if (t.value.is_string()) {
            chatTemplate = t.str();
        } else if (t.value.is_array()) {  // [{"name": "default", "template": ...}, ...]
            for (size_t i = 0; i < t.value.size(); ++i)
                if (t.at(i).at("name").str() == "default") chatTemplate = t.at(i).at("template").str();
        } else {
            t.fail("must be a string or a list of {name, template}");
        }
    }
}

void BpeTokenizer::Impl::parseGenerationConfig(const std::string& text, const std::string& source) {
    if (text.empty()) return;
    const nlohmann::json doc = parseJson(text, source);
    const JsonAt root{doc, source, ""};
    if (!doc.is_object()) root.fail("must be a JSON object");
    if (!root.has("eos_token_id")) return;
    const JsonAt at = root.at("eos_token_id");
    std::vector<int32_t> ids;
    auto check = [&](const JsonAt& v) {
        const int32_t id = v.tokenIdValue();
        if (id >= vocabSize)
            v.fail("id " + std::to_string(id) + " is outside the vocabulary (" + std::to_string(vocabSize) + " ids)");
        ids.push_back(id);
    };
    if (at.value.is_array()) {
        for (size_t i = 0; i < at.value.size(); ++i) check(at.at(i));
    } else {
        check(at);
    }
    eos.insert(eos.begin(), ids.begin(), ids.end());  // generation_config first, then tokenizer_config
    std::vector<int32_t> unique;
    for (int32_t id : eos)
        if (std::find(unique.begin(), unique.end(), id) == unique.end()) unique.push_back(id);
    eos = std::move(unique);
}

BpeTokenizer::BpeTokenizer(std::shared_ptr<const Impl> impl) : m_impl(std::move(impl)) {}

BpeTokenizer BpeTokenizer::fromJsonText(const std::string& tokenizerJsonText, const std::string& tokenizerConfigText,
                                        const std::string& generationConfigText, const std::string& sourceName) {
    auto impl = std::make_shared<Impl>();
    const std::string dir = [&] {
        const size_t slash = sourceName.rfind('/');
        return slash == std::string::npos ? std::string() : sourceName.substr(0, slash + 1);
    }();
    try {
        impl->parseTokenizerJson(tokenizerJsonText, sourceName);
        impl->parseTokenizerConfig(tokenizerConfigText, dir + "tokenizer_config.json");
        impl->parseGenerationConfig(generationConfigText, dir + "generation_config.json");
    } catch (const TokenizerError&) {
        throw;
    } catch (const std::exception& e) {  // a JSON type error not caught by a path check
        throw TokenizerError(sourceName + ": " + e.what());
    }
    return BpeTokenizer(std::move(impl));
}

BpeTokenizer BpeTokenizer::fromFolder(const std::string& dir) {
    const std::string base = dir.empty() ? std::string("./") : (dir.back() == '/' ? dir : dir + "/");
    const std::string tok = readFile(base + "tokenizer.json", true, nullptr);
    const std::string cfg = readFile(base + "tokenizer_config.json", false, nullptr);
    const std::string gen = readFile(base + "generation_config.json", false, nullptr);
    BpeTokenizer t = fromJsonText(tok, cfg, gen, base + "tokenizer.json");
    auto& impl = *std::const_pointer_cast<Impl>(t.m_impl);
    impl.folder = dir;
    // Newer transformers save the template beside the config instead of inside it.
    if (impl.chatTemplate.empty()) impl.chatTemplate = readFile(base + "chat_template.jinja", false, nullptr);
    return t;
}

std::vector<int32_t> BpeTokenizer::encode(std::string_view text, bool addSpecial) const {
    const Impl& m = *m_impl;
    const size_t bad = invalidUtf8Offset(text);
    if (bad != std::string_view::npos)
        throw std::invalid_argument("text is not valid UTF-8 (byte offset " + std::to_string(bad) + ")");
    std::vector<int32_t> ids;
    ids.reserve(text.size() / 3 + 4);
    std::vector<AddedVocabulary::Segment> raw, normalized;
    m.matcher.split(std::string(text), false, true, raw);
    for (const auto& seg : raw) {
        if (seg.id >= 0) {
            normalized.push_back(seg);
            continue;
        }
        const std::string n = m.normalizer ? m.normalizer->normalize(seg.text) : seg.text;
        m.matcher.split(n, true, seg.atStart, normalized);
    }
    std::vector<TextPiece> pieces;
    for (auto& seg : normalized) {
        if (seg.id >= 0) {
            ids.push_back(seg.id);
            continue;
        }
        pieces.assign(1, TextPiece{std::move(seg.text), seg.atStart});
        if (m.preTokenizer) m.preTokenizer->preTokenize(pieces);
        for (const TextPiece& p : pieces) m.model->tokenize(p.text, ids);
    }
    if (addSpecial && m.postProcessor) m.postProcessor->addSpecial(ids);
    return ids;
}

std::vector<std::string> BpeTokenizer::Impl::tokensOf(const std::vector<int32_t>& ids, bool skipSpecial) const {
    std::vector<std::string> tokens;
    tokens.reserve(ids.size());
    for (int32_t id : ids) {
        const auto a = addedById.find(id);
        if (a != addedById.end()) {
            if (!(skipSpecial && added[a->second].special)) tokens.push_back(addedDecodeText[a->second]);
        } else if (const std::string* t = model->token(id)) {
            tokens.push_back(*t);
        }
    }
    return tokens;
}

std::string BpeTokenizer::decode(const std::vector<int32_t>& ids, bool skipSpecial) const {
    const Impl& m = *m_impl;
    std::vector<std::string> tokens = m.tokensOf(ids, skipSpecial);
    std::string text;
    if (m.decoder) {
        m.decoder->decodeChain(tokens);
        for (const auto& t : tokens) text += t;
    } else {
        for (size_t i = 0; i < tokens.size(); ++i) text += (i ? " " : "") + tokens[i];
    }
    return m.cleanUpSpaces ? cleanUpTokenizationSpaces(std::move(text)) : text;
}

std::string BpeTokenizer::tokenBytes(int32_t id) const {
    const Impl& m = *m_impl;
    std::vector<std::string> tokens = m.tokensOf({id}, false);
    if (tokens.empty()) return {};
    if (!m.byteLevelDecoder) return decode({id});
    std::string bytes;
    size_t pos = 0;
    char32_t cp = 0;
    while (pos < tokens[0].size()) {
        const int b = nextCodePoint(tokens[0], pos, cp) ? byteLevelByte(cp) : -1;
        if (b < 0) return tokens[0];  // outside the byte alphabet: the token's own UTF-8
        bytes += static_cast<char>(b);
    }
    return bytes;
}

int32_t BpeTokenizer::vocabSize() const { return m_impl->vocabSize; }
std::optional<int32_t> BpeTokenizer::tokenId(std::string_view token) const { return m_impl->idOf(token); }

std::string BpeTokenizer::idToToken(int32_t id) const {
    const auto a = m_impl->addedById.find(id);
    if (a != m_impl->addedById.end()) return m_impl->added[a->second].content;
    const std::string* t = m_impl->model->token(id);
    return t ? *t : std::string();
}

bool BpeTokenizer::isSpecial(int32_t id) const {
    const auto a = m_impl->addedById.find(id);
    return a != m_impl->addedById.end() && m_impl->added[a->second].special;
}

const std::vector<AddedToken>& BpeTokenizer::addedTokens() const { return m_impl->added; }
const std::vector<int32_t>& BpeTokenizer::eosIds() const { return m_impl->eos; }
std::optional<int32_t> BpeTokenizer::bosId() const { return m_impl->bos; }
std::optional<int32_t> BpeTokenizer::padId() const { return m_impl->pad; }
const std::string& BpeTokenizer::chatTemplate() const { return m_impl->chatTemplate; }
const std::string& BpeTokenizer::folder() const { return m_impl->folder; }

}  // namespace gcpo::model::hf
