// The regular expressions of tokenizer.json (written for Oniguruma, which `tokenizers` uses) run by
// PCRE2 in UTF + Unicode-property mode, with \s / \S rewritten to Oniguruma's White_Space set.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gcpo::model::hf {

class SplitRegex {
public:
    // Throws std::invalid_argument with PCRE2's message and offset when the pattern does not compile.
    explicit SplitRegex(const std::string& pattern);
    // A regex matching `literal` verbatim (tokenizer.json's {"String": ...} patterns).
    static SplitRegex literal(const std::string& literal);

    // Byte ranges [start, end) of successive non-overlapping matches in `text` (valid UTF-8), as
    // Oniguruma's find_iter yields them; an empty match advances by one character.
    std::vector<std::pair<size_t, size_t>> findAll(std::string_view text) const;

    struct Code;

private:
    std::shared_ptr<const Code> m_code;
};

// The pattern with \s and \S replaced by explicit Unicode White_Space classes (exposed for tests).
std::string onigWhitespaceCompatible(const std::string& pattern);

}  // namespace gcpo::model::hf
