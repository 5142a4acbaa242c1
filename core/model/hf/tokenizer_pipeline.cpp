// Normalizers, pre-tokenizers, post-processors and decoders of tokenizer.json (see tokenizer_pipeline.h).
// Each follows the matching type of the `tokenizers` library (normalizers/, pre_tokenizers/,
// processors/, decoders/); only the types that byte-level and SentencePiece-style BPE files use.
#include "model/hf/tokenizer_pipeline.h"

#include <utf8proc.h>

#include <algorithm>
#include <functional>
#include <utility>

#include "model/hf/split_regex.h"
#include "model/hf/unicode_text.h"

namespace gcpo::model::hf {

namespace {

// ---------------------------------------------------------------- shared: splitting by matches

enum class SplitBehavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };

SplitBehavior parseBehavior(const JsonAt& j) {
    const std::string b = j.str();
    if (b == "Removed") return SplitBehavior::Removed;
    if (b == "Isolated") return SplitBehavior::Isolated;
    if (b == "MergedWithPrevious") return SplitBehavior::MergedWithPrevious;
    if (b == "MergedWithNext") return SplitBehavior::MergedWithNext;
    if (b == "Contiguous") return SplitBehavior::Contiguous;
    j.fail("unknown split behavior '" + b + "'");
}

struct Span {
    size_t start, end;
    bool isMatch;
};

// The whole of `text` as alternating non-match / match spans (Pattern::find_matches).
std::vector<Span> spansOf(const std::string& text, const std::vector<std::pair<size_t, size_t>>& matches, bool invert) {
    std::vector<Span> spans;
    if (text.empty()) return {{0, 0, false}};
    size_t prev = 0;
    for (const auto& [s, e] : matches) {
        if (prev != s) spans.push_back({prev, s, invert});
        spans.push_back({s, e, !invert});
        prev = e;
    }
    if (prev != text.size()) spans.push_back({prev, text.size(), invert});
    return spans;
}

// NormalizedString::split: how matches join their neighbours; empty results are dropped.
void splitPiece(const TextPiece& piece, const std::vector<Span>& spans, SplitBehavior behavior, std::vector<TextPiece>& out) {
    std::vector<std::pair<size_t, size_t>> keep;  // ranges to emit
    switch (behavior) {
    case SplitBehavior::Isolated:
        for (const Span& s : spans) keep.emplace_back(s.start, s.end);
        break;
    case SplitBehavior::Removed:
        for (const Span& s : spans)
            if (!s.isMatch) keep.emplace_back(s.start, s.end);
        break;
    case SplitBehavior::Contiguous: {
        bool prevMatch = false;
        for (const Span& s : spans) {
            if (s.isMatch == prevMatch && !keep.empty()) keep.back().second = s.end;
            else keep.emplace_back(s.start, s.end);
            prevMatch = s.isMatch;
        }
        break;
    }
    case SplitBehavior::MergedWithPrevious: {
        bool prevMatch = false;
        for (const Span& s : spans) {
            if (s.isMatch && !prevMatch && !keep.empty()) keep.back().second = s.end;
            else keep.emplace_back(s.start, s.end);
            prevMatch = s.isMatch;
        }
        break;
    }
    case SplitBehavior::MergedWithNext: {
        bool prevMatch = false;
        for (auto it = spans.rbegin(); it != spans.rend(); ++it) {
            if (it->isMatch && !prevMatch && !keep.empty()) keep.back().first = it->start;
            else keep.emplace_back(it->start, it->end);
            prevMatch = it->isMatch;
        }
        std::reverse(keep.begin(), keep.end());
        break;
    }
    }
    for (const auto& [s, e] : keep)
        if (e > s) out.push_back({piece.text.substr(s, e - s), piece.atStart && s == 0});
}

char32_t singleChar(const JsonAt& j) {
    const std::string s = j.str();
    size_t pos = 0;
    char32_t cp = 0;
    if (!nextCodePoint(s, pos, cp) || pos != s.size()) j.fail("must be exactly one character");
    return cp;
}

std::string replaceAll(const std::string& s, const std::string& from, const std::string& to) {
    if (from.empty()) return s;
    std::string out;
    size_t pos = 0;
    for (size_t hit; (hit = s.find(from, pos)) != std::string::npos; pos = hit + from.size())
        out.append(s, pos, hit - pos).append(to);
    return out.append(s, pos, std::string::npos);
}

// {"String": "..."} or {"Regex": "..."} of Split / Replace.
SplitRegex parsePattern(const JsonAt& j) {
    try {
        if (j.has("String")) return SplitRegex::literal(j.at("String").str());
        if (j.has("Regex")) return SplitRegex(j.at("Regex").str());
    } catch (const std::invalid_argument& e) {
        if (dynamic_cast<const TokenizerError*>(&e)) throw;
        j.fail(e.what());
    }
    j.fail("must be {\"String\": ...} or {\"Regex\": ...}");
}

std::string typeOf(const JsonAt& j) { return j.at("type").str(); }

// ---------------------------------------------------------------- normalizers

class FunctionNormalizer : public Normalizer {
public:
    explicit FunctionNormalizer(std::function<std::string(const std::string&)> f) : m_f(std::move(f)) {}
    std::string normalize(const std::string& s) const override { return m_f(s); }

private:
    std::function<std::string(const std::string&)> m_f;
};

class SequenceNormalizer : public Normalizer {
public:
    std::vector<std::unique_ptr<Normalizer>> parts;
    std::string normalize(const std::string& s) const override {
        std::string t = s;
        for (const auto& p : parts) t = p->normalize(t);
        return t;
    }
};

std::unique_ptr<Normalizer> makeNormalizer(const JsonAt& j) {
    const std::string type = typeOf(j);
    using F = FunctionNormalizer;
    if (type == "NFC") return std::make_unique<F>([](const std::string& s) { return normalizeUnicode(s, NormalForm::Nfc); });
    if (type == "NFD") return std::make_unique<F>([](const std::string& s) { return normalizeUnicode(s, NormalForm::Nfd); });
    if (type == "NFKC") return std::make_unique<F>([](const std::string& s) { return normalizeUnicode(s, NormalForm::Nfkc); });
    if (type == "NFKD") return std::make_unique<F>([](const std::string& s) { return normalizeUnicode(s, NormalForm::Nfkd); });
    if (type == "Lowercase") return std::make_unique<F>([](const std::string& s) { return lowercaseUnicode(s); });
    if (type == "Prepend") {
        const std::string prefix = j.at("prepend").str();
        return std::make_unique<F>([prefix](const std::string& s) { return s.empty() ? s : prefix + s; });
    }
    if (type == "Replace") {
        const JsonAt pattern = j.at("pattern");
        const std::string content = j.at("content").str();
        if (pattern.has("String")) {
            const std::string from = pattern.at("String").str();
            return std::make_unique<F>([from, content](const std::string& s) { return replaceAll(s, from, content); });
        }
        const SplitRegex re = parsePattern(pattern);
        return std::make_unique<F>([re, content](const std::string& s) {
            std::string out;
            size_t prev = 0;
            for (const auto& [a, b] : re.findAll(s)) out.append(s, prev, a - prev).append(content), prev = b;
            return out.append(s, prev, std::string::npos);
        });
    }
    if (type == "Sequence") {
        auto seq = std::make_unique<SequenceNormalizer>();
        const JsonAt list = j.at("normalizers");
        for (size_t i = 0; i < list.array().size(); ++i)
            if (auto n = parseNormalizer(list.at(i))) seq->parts.push_back(std::move(n));
        return seq;
    }
    j.at("type").fail("unsupported normalizer type '" + type + "'");
}

// ---------------------------------------------------------------- pre-tokenizers

class SequencePreTokenizer : public PreTokenizer {
public:
    std::vector<std::unique_ptr<PreTokenizer>> parts;
    void preTokenize(std::vector<TextPiece>& pieces) const override {
        for (const auto& p : parts) p->preTokenize(pieces);
    }
};

class SplitPreTokenizer : public PreTokenizer {
public:
    SplitPreTokenizer(SplitRegex re, SplitBehavior b, bool invert) : m_re(std::move(re)), m_behavior(b), m_invert(invert) {}
    void preTokenize(std::vector<TextPiece>& pieces) const override {
        std::vector<TextPiece> out;
        out.reserve(pieces.size() * 4);
        for (const TextPiece& p : pieces) splitPiece(p, spansOf(p.text, m_re.findAll(p.text), m_invert), m_behavior, out);
        pieces = std::move(out);
    }

private:
    SplitRegex m_re;
    SplitBehavior m_behavior;
    bool m_invert;
};

// GPT-2's pattern, used by ByteLevel when use_regex is true.
const SplitRegex& gpt2Regex() {
    static const SplitRegex re(R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)");
    return re;
}

class ByteLevelPreTokenizer : public PreTokenizer {
public:
    ByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex) : m_addPrefixSpace(addPrefixSpace), m_useRegex(useRegex) {}
    void preTokenize(std::vector<TextPiece>& pieces) const override {
        std::vector<TextPiece> split;
        split.reserve(pieces.size());
        for (TextPiece& p : pieces) {
            if (m_addPrefixSpace && (p.text.empty() || p.text[0] != ' ')) p.text.insert(p.text.begin(), ' ');
            if (m_useRegex) splitPiece(p, spansOf(p.text, gpt2Regex().findAll(p.text), false), SplitBehavior::Isolated, split);
            else if (!p.text.empty()) split.push_back(std::move(p));
        }
        const auto& alphabet = byteLevelAlphabet();
        for (TextPiece& p : split) {
            std::string mapped;
            mapped.reserve(p.text.size() * 2);
            for (char c : p.text) mapped += alphabet[static_cast<unsigned char>(c)];
            p.text = std::move(mapped);
        }
        pieces = std::move(split);
    }

private:
    bool m_addPrefixSpace, m_useRegex;
};

class MetaspacePreTokenizer : public PreTokenizer {
public:
    enum class Prepend { Always, First, Never };
    MetaspacePreTokenizer(char32_t replacement, Prepend prepend, bool split) : m_prepend(prepend), m_split(split) {
        appendUtf8(m_rep, replacement);
    }
    void preTokenize(std::vector<TextPiece>& pieces) const override {
        std::vector<TextPiece> out;
        for (TextPiece& p : pieces) {
            p.text = replaceAll(p.text, " ", m_rep);
            const bool starts = p.text.compare(0, m_rep.size(), m_rep) == 0;
            if (!starts && (m_prepend == Prepend::Always || (m_prepend == Prepend::First && p.atStart))) p.text = m_rep + p.text;
            if (!m_split) {
                if (!p.text.empty()) out.push_back(std::move(p));
                continue;
            }
            std::vector<std::pair<size_t, size_t>> hits;
            for (size_t pos = 0; (pos = p.text.find(m_rep, pos)) != std::string::npos; pos += m_rep.size())
                hits.emplace_back(pos, pos + m_rep.size());
            splitPiece(p, spansOf(p.text, hits, false), SplitBehavior::MergedWithNext, out);
        }
        pieces = std::move(out);
    }

private:
    std::string m_rep;
    Prepend m_prepend;
    bool m_split;
};

class DigitsPreTokenizer : public PreTokenizer {
public:
    explicit DigitsPreTokenizer(bool individual) : m_individual(individual) {}
    void preTokenize(std::vector<TextPiece>& pieces) const override {
        std::vector<TextPiece> out;
        for (const TextPiece& p : pieces) {
            std::vector<std::pair<size_t, size_t>> hits;  // each numeric character (Rust char::is_numeric)
            size_t pos = 0;
            char32_t cp = 0;
            while (pos < p.text.size()) {
                const size_t start = pos;
                if (!nextCodePoint(p.text, pos, cp)) ++pos;
                const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
                if (cat == UTF8PROC_CATEGORY_ND || cat == UTF8PROC_CATEGORY_NL || cat == UTF8PROC_CATEGORY_NO)
                    hits.emplace_back(start, pos);
            }
            splitPiece(p, spansOf(p.text, hits, false), m_individual ? SplitBehavior::Isolated : SplitBehavior::Contiguous, out);
        }
        pieces = std::move(out);
    }

private:
    bool m_individual;
};

MetaspacePreTokenizer::Prepend parsePrependScheme(const JsonAt& j) {
    if (j.has("prepend_scheme")) {
        const std::string s = j.at("prepend_scheme").str();
        if (s == "always") return MetaspacePreTokenizer::Prepend::Always;
        if (s == "first") return MetaspacePreTokenizer::Prepend::First;
        if (s == "never") return MetaspacePreTokenizer::Prepend::Never;
        j.at("prepend_scheme").fail("must be always, first or never");
    }
    return j.optBool("add_prefix_space", true) ? MetaspacePreTokenizer::Prepend::Always : MetaspacePreTokenizer::Prepend::Never;
}

std::unique_ptr<PreTokenizer> makePreTokenizer(const JsonAt& j) {
    const std::string type = typeOf(j);
    if (type == "Sequence") {
        auto seq = std::make_unique<SequencePreTokenizer>();
        const JsonAt list = j.at("pretokenizers");
        for (size_t i = 0; i < list.array().size(); ++i)
            if (auto p = parsePreTokenizer(list.at(i))) seq->parts.push_back(std::move(p));
        return seq;
    }
    if (type == "Split")
        return std::make_unique<SplitPreTokenizer>(parsePattern(j.at("pattern")), parseBehavior(j.at("behavior")),
                                                   j.at("invert").boolean());
    if (type == "ByteLevel")
        return std::make_unique<ByteLevelPreTokenizer>(j.optBool("add_prefix_space", true), j.optBool("use_regex", true));
    if (type == "Metaspace")
        return std::make_unique<MetaspacePreTokenizer>(singleChar(j.at("replacement")), parsePrependScheme(j),
                                                       j.optBool("split", true));
    if (type == "Digits") return std::make_unique<DigitsPreTokenizer>(j.optBool("individual_digits", false));
    j.at("type").fail("unsupported pre-tokenizer type '" + type + "'");
}

// ---------------------------------------------------------------- post-processors

class TemplatePostProcessor : public PostProcessor {
public:
    std::vector<std::vector<int32_t>> items;  // per template item: special ids, or empty for the sequence
    void addSpecial(std::vector<int32_t>& ids) const override {
        std::vector<int32_t> out;
        out.reserve(ids.size() + 4);
        for (const auto& item : items) {
            if (item.empty()) out.insert(out.end(), ids.begin(), ids.end());
            else out.insert(out.end(), item.begin(), item.end());
        }
        ids = std::move(out);
    }
};

class SequencePostProcessor : public PostProcessor {
public:
    std::vector<std::unique_ptr<PostProcessor>> parts;
    void addSpecial(std::vector<int32_t>& ids) const override {
        for (const auto& p : parts) p->addSpecial(ids);
    }
};

class NoOpPostProcessor : public PostProcessor {  // ByteLevel: offsets only, no ids
public:
    void addSpecial(std::vector<int32_t>&) const override {}
};

std::unique_ptr<PostProcessor> makeTemplate(const JsonAt& j) {
    auto t = std::make_unique<TemplatePostProcessor>();
    const JsonAt single = j.at("single");
    const JsonAt specials = j.at("special_tokens");
    for (size_t i = 0; i < single.array().size(); ++i) {
        const JsonAt item = single.at(i);
        if (item.has("Sequence")) {
            if (item.at("Sequence").at("id").str() != "A") item.at("Sequence").at("id").fail("a single-sequence template uses A");
            t->items.emplace_back();
        } else if (item.has("SpecialToken")) {
            const std::string name = item.at("SpecialToken").at("id").str();
            if (!specials.has(name)) item.at("SpecialToken").at("id").fail("'" + name + "' is not in special_tokens");
            const JsonAt idsAt = specials.at(name).at("ids");
            std::vector<int32_t> ids;
            for (size_t k = 0; k < idsAt.array().size(); ++k) ids.push_back(idsAt.at(k).tokenIdValue());
            if (ids.empty()) idsAt.fail("must not be empty");
            t->items.push_back(std::move(ids));
        } else {
            item.fail("must be {\"Sequence\": ...} or {\"SpecialToken\": ...}");
        }
    }
    return t;
}

std::unique_ptr<PostProcessor> makePostProcessor(const JsonAt& j) {
    const std::string type = typeOf(j);
    if (type == "ByteLevel") return std::make_unique<NoOpPostProcessor>();
    if (type == "TemplateProcessing") return makeTemplate(j);
    if (type == "Sequence") {
        auto seq = std::make_unique<SequencePostProcessor>();
        const JsonAt list = j.at("processors");
        for (size_t i = 0; i < list.array().size(); ++i)
            if (auto p = parsePostProcessor(list.at(i))) seq->parts.push_back(std::move(p));
        return seq;
    }
    j.at("type").fail("unsupported post-processor type '" + type + "'");
}

// ---------------------------------------------------------------- decoders

class FunctionDecoder : public Decoder {
public:
    explicit FunctionDecoder(std::function<void(std::vector<std::string>&)> f) : m_f(std::move(f)) {}
    void decodeChain(std::vector<std::string>& tokens) const override { m_f(tokens); }

private:
    std::function<void(std::vector<std::string>&)> m_f;
};

class SequenceDecoder : public Decoder {
public:
    std::vector<std::unique_ptr<Decoder>> parts;
    void decodeChain(std::vector<std::string>& tokens) const override {
        for (const auto& p : parts) p->decodeChain(tokens);
    }
};

// ByteLevel: every character back to its byte; a token with a character outside the alphabet (an
// added token such as "<|im_start|>" is inside it; CJK content is not) keeps its UTF-8 bytes.
void byteLevelDecode(std::vector<std::string>& tokens) {
    std::string bytes;
    for (const std::string& t : tokens) {
        std::string mapped;
        size_t pos = 0;
        char32_t cp = 0;
        bool ok = true;
        while (pos < t.size()) {
            const int b = nextCodePoint(t, pos, cp) ? byteLevelByte(cp) : -1;
            if (b < 0) {
                ok = false;
                break;
            }
            mapped += static_cast<char>(b);
        }
        bytes += ok ? mapped : t;
    }
    tokens.assign(1, utf8Lossy(bytes));
}

void byteFallbackDecode(std::vector<std::string>& tokens) {
    std::vector<std::string> out;
    std::string pending;
    auto flush = [&] {
        if (pending.empty()) return;
        if (invalidUtf8Offset(pending) == std::string::npos) out.push_back(pending);
        else out.insert(out.end(), pending.size(), "\xEF\xBF\xBD");  // one U+FFFD per byte, as `tokenizers`
        pending.clear();
    };
    auto hex = [](char c) {
        return (c >= '0' && c <= '9')   ? c - '0'
               : (c >= 'A' && c <= 'F') ? c - 'A' + 10
               : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                                        : -1;
    };
    for (std::string& t : tokens) {
        if (t.size() == 6 && t.compare(0, 3, "<0x") == 0 && t[5] == '>' && hex(t[3]) >= 0 && hex(t[4]) >= 0) {
            pending += static_cast<char>(hex(t[3]) * 16 + hex(t[4]));
            continue;
        }
        flush();
        out.push_back(std::move(t));
    }
    flush();
    tokens = std::move(out);
}

std::unique_ptr<Decoder> makeDecoder(const JsonAt& j) {
    const std::string type = typeOf(j);
    if (type == "ByteLevel") return std::make_unique<FunctionDecoder>(byteLevelDecode);
    if (type == "ByteFallback") return std::make_unique<FunctionDecoder>(byteFallbackDecode);
    if (type == "Fuse")
        return std::make_unique<FunctionDecoder>([](std::vector<std::string>& t) {
            std::string all;
            for (const auto& s : t) all += s;
            t.assign(1, all);
        });
    if (type == "Replace") {
        const JsonAt pattern = j.at("pattern");
        if (!pattern.has("String")) pattern.fail("only {\"String\": ...} patterns are supported in a decoder");
        const std::string from = pattern.at("String").str(), to = j.at("content").str();
        return std::make_unique<FunctionDecoder>([from, to](std::vector<std::string>& t) {
            for (auto& s : t) s = replaceAll(s, from, to);
        });
    }
    if (type == "Strip") {
        std::string content;
        appendUtf8(content, singleChar(j.at("content")));
        const int64_t start = j.at("start").integer(), stop = j.at("stop").integer();
        return std::make_unique<FunctionDecoder>([content, start, stop](std::vector<std::string>& t) {
            for (auto& s : t) {
                for (int64_t i = 0; i < start && s.compare(0, content.size(), content) == 0; ++i) s.erase(0, content.size());
                for (int64_t i = 0;
                     i < stop && s.size() >= content.size() && s.compare(s.size() - content.size(), content.size(), content) == 0;
                     ++i)
                    s.erase(s.size() - content.size());
            }
        });
    }
    if (type == "Metaspace") {
        std::string rep;
        appendUtf8(rep, singleChar(j.at("replacement")));
        const bool prepend = parsePrependScheme(j) != MetaspacePreTokenizer::Prepend::Never;
        return std::make_unique<FunctionDecoder>([rep, prepend](std::vector<std::string>& t) {
            for (size_t i = 0; i < t.size(); ++i) t[i] = replaceAll(t[i], rep, (i == 0 && prepend) ? "" : " ");
        });
    }
    if (type == "Sequence") {
        auto seq = std::make_unique<SequenceDecoder>();
        const JsonAt list = j.at("decoders");
        for (size_t i = 0; i < list.array().size(); ++i)
            if (auto d = parseDecoder(list.at(i))) seq->parts.push_back(std::move(d));
        return seq;
    }
    j.at("type").fail("unsupported decoder type '" + type + "'");
}

}  // namespace

namespace {
// Sequences nest by recursion: bound the depth (a hostile file must not exhaust the stack).
const JsonAt& checkDepth(const JsonAt& j) {
    if (j.path.size() > 4000) j.fail("stages nested too deeply");
    return j;
}
}  // namespace

std::unique_ptr<Normalizer> parseNormalizer(const JsonAt& j) {
    return j.value.is_null() ? nullptr : makeNormalizer(checkDepth(j));
}
std::unique_ptr<PreTokenizer> parsePreTokenizer(const JsonAt& j) {
    return j.value.is_null() ? nullptr : makePreTokenizer(checkDepth(j));
}
std::unique_ptr<PostProcessor> parsePostProcessor(const JsonAt& j) {
    return j.value.is_null() ? nullptr : makePostProcessor(checkDepth(j));
}
std::unique_ptr<Decoder> parseDecoder(const JsonAt& j) { return j.value.is_null() ? nullptr : makeDecoder(checkDepth(j)); }

}  // namespace gcpo::model::hf
