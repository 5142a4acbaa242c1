// Added-token matching before BPE (see added_vocabulary.h); follows `tokenizers`'
// tokenizer/added_vocabulary.rs (find_matches, extract_and_normalize).
#include "model/hf/added_vocabulary.h"

#include <algorithm>

#include "model/hf/unicode_text.h"

namespace gcpo::model::hf {

namespace {

// The code point that ends just before byte `end` (valid UTF-8), or 0 at the start.
char32_t codePointBefore(const std::string& s, size_t end, size_t* startOut = nullptr) {
    if (end == 0) return 0;
    size_t start = end - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    size_t pos = start;
    char32_t cp = 0;
    if (!nextCodePoint(s, pos, cp)) cp = 0;
    if (startOut) *startOut = start;
    return cp;
}

char32_t codePointAt(const std::string& s, size_t pos, size_t* endOut = nullptr) {
    char32_t cp = 0;
    size_t p = pos;
    if (pos >= s.size() || !nextCodePoint(s, p, cp)) return 0;
    if (endOut) *endOut = p;
    return cp;
}

}  // namespace

void AddedVocabulary::index(Set& set) {
    for (auto& v : set.byFirstByte) v.clear();
    for (uint32_t i = 0; i < set.patterns.size(); ++i)
        set.byFirstByte[static_cast<unsigned char>(set.patterns[i].content[0])].push_back(i);
    for (auto& v : set.byFirstByte)
        std::stable_sort(v.begin(), v.end(),
                         [&](uint32_t a, uint32_t b) { return set.patterns[a].content.size() > set.patterns[b].content.size(); });
}

void AddedVocabulary::build(const std::vector<AddedToken>& tokens, const std::vector<std::string>& normalizedContent) {
    m_raw.patterns.clear();
    m_normalized.patterns.clear();
    for (size_t i = 0; i < tokens.size(); ++i) {
        const AddedToken& t = tokens[i];
        if (t.content.empty()) continue;  // `tokenizers` ignores empty added tokens
        Set& set = t.normalized ? m_normalized : m_raw;
        const std::string& content = t.normalized ? normalizedContent[i] : t.content;
        if (content.empty()) continue;
        // The same content twice: the later entry wins, as in `tokenizers`' content -> id map.
        auto same =
            std::find_if(set.patterns.begin(), set.patterns.end(), [&](const Pattern& p) { return p.content == content; });
        const Pattern p{content, t.id, t.lstrip, t.rstrip, t.singleWord};
        if (same != set.patterns.end()) *same = p;
        else set.patterns.push_back(p);
    }
    index(m_raw);
    index(m_normalized);
}

void AddedVocabulary::split(const std::string& text, bool normalizedSet, bool atStart, std::vector<Segment>& out) const {
    const Set& set = normalizedSet ? m_normalized : m_raw;
    size_t emitted = 0;  // end of what has been emitted (start_offset in `tokenizers`)
    auto emitText = [&](size_t from, size_t to) {
        if (to > from) out.push_back({text.substr(from, to - from), -1, atStart && from == 0});
    };
    size_t pos = 0;
    while (pos < text.size()) {
        // Leftmost-longest: the first position where any pattern matches, the longest one there.
        const Pattern* hit = nullptr;
        for (; pos < text.size() && !hit; ++pos) {
            for (uint32_t idx : set.byFirstByte[static_cast<unsigned char>(text[pos])]) {
                const Pattern& p = set.patterns[idx];
                if (text.compare(pos, p.content.size(), p.content) == 0) {
                    hit = &p;
                    break;
                }
            }
            if (hit) break;
        }
        if (!hit) break;
        size_t start = pos, stop = pos + hit->content.size();
        pos = stop;  // matches never overlap, kept or not
        if (hit->singleWord) {
            const bool wordBefore = start > 0 && isWordChar(codePointBefore(text, start));
            const bool wordAfter = stop < text.size() && isWordChar(codePointAt(text, stop));
            if (wordBefore || wordAfter) continue;
        }
        if (hit->lstrip) {
            size_t s = start, prevStart = 0;
            while (s > 0 && isUnicodeWhitespace(codePointBefore(text, s, &prevStart))) s = prevStart;
            start = std::max(s, emitted);
        }
        if (hit->rstrip) {
            size_t next = 0;
            while (stop < text.size() && isUnicodeWhitespace(codePointAt(text, stop, &next))) stop = next;
        }
        emitText(emitted, start);
        out.push_back({text.substr(start, stop - start), hit->id, atStart && start == 0});
        emitted = stop;
        pos = std::max(pos, stop);
    }
    emitText(emitted, text.size());
}

}  // namespace gcpo::model::hf
