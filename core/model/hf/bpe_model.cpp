// BPE model of tokenizer.json (see bpe_model.h); semantics of `tokenizers`' models/bpe (model.rs, word.rs).
#include "model/hf/bpe_model.h"

#include <cstdio>
#include <mutex>
#include <queue>

#include "model/hf/unicode_text.h"

namespace gcpo::model::hf {

namespace {

constexpr size_t kCacheMaxWordBytes = 256;  // as `tokenizers`: longer words are not cached
constexpr size_t kCacheCapacity = 100000;   // entries; when full, new words are no longer cached
constexpr int64_t kMaxIdGap = 1 << 20;      // largest vocabulary id allowed beyond the number of entries

uint64_t pairKey(int32_t a, int32_t b) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32) | static_cast<uint32_t>(b);
}

}  // namespace

BpeModel::BpeModel(const JsonAt& model) {
    const std::string type = model.optStr("type", "BPE");
    if (type != "BPE") model.at("type").fail("unsupported model type '" + type + "' (only BPE)");
    if (model.has("dropout")) {
        const auto& d = model.value.at("dropout");
        if (!d.is_number() || d.get<double>() != 0.0)
            model.at("dropout").fail("BPE dropout is not supported (must be null or 0)");
    }
    const JsonAt vocab = model.at("vocab");
    if (!vocab.value.is_object()) vocab.fail("must be an object {token: id}");
    m_vocab.reserve(vocab.value.size());
    int32_t maxId = -1;
    for (auto it = vocab.value.begin(); it != vocab.value.end(); ++it) {
        const JsonAt idAt{it.value(), vocab.source, vocab.path + "[" + nlohmann::json(it.key()).dump() + "]"};
        const int32_t id = idAt.tokenIdValue();
        // Real vocabularies are dense (ids 0..n-1); a far larger id is a damaged file.
        if (id >= static_cast<int64_t>(vocab.value.size()) + kMaxIdGap)
            idAt.fail("token id implausibly large for the vocabulary size");
        m_vocab[it.key()] = id;
        maxId = std::max(maxId, id);
    }
    m_idToToken.assign(static_cast<size_t>(maxId + 1), nullptr);
    for (const auto& [tok, id] : m_vocab) m_idToToken[static_cast<size_t>(id)] = &tok;  // keys never move

    m_prefix = model.optStr("continuing_subword_prefix", "");
    m_suffix = model.optStr("end_of_word_suffix", "");
    m_fuseUnk = model.optBool("fuse_unk", false);
    m_byteFallback = model.optBool("byte_fallback", false);
    m_ignoreMerges = model.optBool("ignore_merges", false);
    if (model.has("unk_token")) {
        const JsonAt unk = model.at("unk_token");
        const auto it = m_vocab.find(unk.str());
        if (it == m_vocab.end()) unk.fail("unk token '" + unk.str() + "' is not in model.vocab");
        m_unkId = it->second;
    }
    if (m_byteFallback) {
        for (int b = 0; b < 256; ++b) {
            char name[8];
            std::snprintf(name, sizeof(name), "<0x%02X>", b);
            const auto it = m_vocab.find(name);
            m_byteFallbackIds.push_back(it == m_vocab.end() ? -1 : it->second);
        }
    }

    const JsonAt merges = model.at("merges");
    const size_t n = merges.array().size();
    m_merges.reserve(n);
    auto idOf = [&](const std::string& tok, const JsonAt& at) {
        const auto it = m_vocab.find(tok);
        if (it == m_vocab.end()) at.fail("token '" + tok + "' is not in model.vocab");
        return it->second;
    };
    for (size_t i = 0; i < n; ++i) {
        const JsonAt m = merges.at(i);
        std::string a, b;
        if (m.value.is_string()) {  // legacy "a b"
            const std::string s = m.value.get<std::string>();
            const size_t sp = s.find(' ');
            if (sp == std::string::npos || s.find(' ', sp + 1) != std::string::npos)
                m.fail("a merge string must be two tokens separated by one space");
            a = s.substr(0, sp);
            b = s.substr(sp + 1);
        } else if (m.value.is_array() && m.value.size() == 2) {
            a = m.at(0).str();
            b = m.at(1).str();
        } else {
            m.fail("a merge must be [\"left\", \"right\"] or \"left right\"");
        }
        if (b.compare(0, m_prefix.size(), m_prefix) != 0) m.fail("right token '" + b + "' lacks continuing_subword_prefix");
        const int32_t aId = idOf(a, m), bId = idOf(b, m);
        const int32_t merged = idOf(a + b.substr(m_prefix.size()), m);
        m_merges[pairKey(aId, bId)] = {static_cast<uint32_t>(i), merged};  // a repeated pair: the last wins
    }
}

std::optional<int32_t> BpeModel::tokenId(std::string_view token) const {
    const auto it = m_vocab.find(std::string(token));
    if (it == m_vocab.end()) return std::nullopt;
    return it->second;
}

const std::string* BpeModel::token(int32_t id) const {
    if (id < 0 || static_cast<size_t>(id) >= m_idToToken.size()) return nullptr;
    return m_idToToken[static_cast<size_t>(id)];
}

// One symbol per character (with prefix/suffix), byte-fallback tokens or unk for the unknown ones.
void BpeModel::initialSymbols(std::string_view w, std::vector<Symbol>& symbols) const {
    int32_t pendingUnk = -1;  // an unk not yet added (-1: none)
    auto add = [&](int32_t id) { symbols.push_back({id, -1, -1, true}); };
    size_t pos = 0;
    char32_t cp = 0;
    std::string s;
    while (pos < w.size()) {
        const size_t start = pos;
        if (!nextCodePoint(w, pos, cp)) pos = start + 1;  // not reached: input is validated UTF-8
        s.assign(w.substr(start, pos - start));
        if (start > 0) s.insert(0, m_prefix);
        if (pos >= w.size()) s += m_suffix;
        const auto it = m_vocab.find(s);
        if (it != m_vocab.end()) {
            if (pendingUnk >= 0) add(pendingUnk), pendingUnk = -1;
            add(it->second);
            continue;
        }
        if (m_byteFallback) {
            bool all = true;
            for (unsigned char c : s) all = all && m_byteFallbackIds[c] >= 0;
            if (all) {
                for (unsigned char c : s) add(m_byteFallbackIds[c]);
                continue;
            }
        }
        if (m_unkId) {
            if (pendingUnk >= 0 && !m_fuseUnk) add(pendingUnk);
            pendingUnk = *m_unkId;  // with fuse_unk, consecutive unknowns stay one unk
        }
        // Without an unk token the character yields nothing, as in `tokenizers`.
    }
    if (pendingUnk >= 0) add(pendingUnk);
    for (size_t i = 0; i < symbols.size(); ++i) {
        symbols[i].prev = static_cast<int32_t>(i) - 1;
        symbols[i].next = i + 1 < symbols.size() ? static_cast<int32_t>(i + 1) : -1;
    }
}

std::vector<int32_t> BpeModel::merge(std::string_view word) const {
    std::vector<Symbol> sym;
    sym.reserve(word.size());
    initialSymbols(word, sym);
    struct Entry {
        uint32_t rank;
        int32_t pos;
        int32_t newId;
        bool operator>(const Entry& o) const { return rank != o.rank ? rank > o.rank : pos > o.pos; }
    };
    std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> queue;  // lowest rank, then leftmost
    auto push = [&](int32_t pos) {
        const int32_t next = sym[static_cast<size_t>(pos)].next;
        if (next < 0) return;
        const auto it = m_merges.find(pairKey(sym[static_cast<size_t>(pos)].id, sym[static_cast<size_t>(next)].id));
        if (it != m_merges.end()) queue.push({it->second.first, pos, it->second.second});
    };
    for (size_t i = 0; i + 1 < sym.size(); ++i) push(static_cast<int32_t>(i));
    while (!queue.empty()) {
        const Entry top = queue.top();
        queue.pop();
        Symbol& left = sym[static_cast<size_t>(top.pos)];
        if (!left.alive || left.next < 0) continue;
        Symbol& right = sym[static_cast<size_t>(left.next)];
        const auto it = m_merges.find(pairKey(left.id, right.id));
        if (it == m_merges.end() || it->second.second != top.newId) continue;  // an expired entry
        left.id = top.newId;
        right.alive = false;
        left.next = right.next;
        if (right.next >= 0) sym[static_cast<size_t>(right.next)].prev = top.pos;
        if (left.prev >= 0) push(left.prev);
        push(top.pos);
    }
    std::vector<int32_t> ids;
    for (const Symbol& s : sym)
        if (s.alive) ids.push_back(s.id);
    return ids;
}

void BpeModel::tokenize(std::string_view word, std::vector<int32_t>& out) const {
    if (word.empty()) return;
    if (m_ignoreMerges) {
        const auto it = m_vocab.find(std::string(word));
        if (it != m_vocab.end()) {
            out.push_back(it->second);
            return;
        }
    }
    const bool cacheable = word.size() < kCacheMaxWordBytes;
    std::string key;
    if (cacheable) {
        key.assign(word);
        std::shared_lock lock(m_cacheMutex);
        const auto it = m_cache.find(key);
        if (it != m_cache.end()) {
            out.insert(out.end(), it->second.begin(), it->second.end());
            return;
        }
    }
    std::vector<int32_t> ids = merge(word);
    out.insert(out.end(), ids.begin(), ids.end());
    if (cacheable) {
        std::unique_lock lock(m_cacheMutex);
        if (m_cache.size() < kCacheCapacity) m_cache.emplace(std::move(key), std::move(ids));
    }
}

}  // namespace gcpo::model::hf
