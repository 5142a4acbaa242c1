// Final-answer extraction and normalisation for GSM8K / MATH style data and completions.
#include "tasks/answer_extraction.h"

#include <cctype>
#include <stdexcept>

#include "tasks/task.h"
#include "tasks/task_util.h"

namespace gcpo::tasks {

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// One pass (a replace in place per match would be quadratic on long texts).
void replaceAll(std::string& s, const std::string& from, const std::string& to) {
    size_t pos = s.find(from);
    if (pos == std::string::npos) return;
    std::string out;
    out.reserve(s.size());
    size_t last = 0;
    for (; pos != std::string::npos; pos = s.find(from, last)) {
        out.append(s, last, pos - last);
        out += to;
        last = pos + from.size();
    }
    out.append(s, last, std::string::npos);
    s.swap(out);
}

bool startsWith(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }
bool endsWith(const std::string& s, const std::string& p) {
    return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

// The brace-matched group starting at s[open] == '{': its content, or nullopt if unbalanced.
std::optional<std::string> braceGroup(const std::string& s, size_t open, size_t* end) {
    if (open >= s.size() || s[open] != '{') return std::nullopt;
    int depth = 0;
    for (size_t i = open; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {  // \{ and \} are literal braces
            ++i;
            continue;
        }
        if (s[i] == '{') ++depth;
        if (s[i] == '}' && --depth == 0) {
            if (end) *end = i + 1;
            return s.substr(open + 1, i - open - 1);
        }
    }
    return std::nullopt;
}

// Replaces every \cmd{X} by X (\text, \mbox, \mathrm).
void unwrapCommand(std::string& s, const std::string& cmd) {
    for (size_t pos = s.find(cmd + "{"); pos != std::string::npos; pos = s.find(cmd + "{", pos)) {
        size_t end = 0;
        const auto inner = braceGroup(s, pos + cmd.size(), &end);
        if (!inner) return;
        s.replace(pos, end - pos, *inner);
    }
}

// Shared text clean-up for both numeric and textual comparison.
std::string cleanText(const std::string& text) {
    std::string s = detail::trim(text);
    for (const char* junk : {"\\left", "\\right", "\\!", "\\,", "\\;", "\\ ", "$"}) replaceAll(s, junk, "");
    replaceAll(s, "\\dfrac", "\\frac");
    replaceAll(s, "\\tfrac", "\\frac");
    unwrapCommand(s, "\\text");
    unwrapCommand(s, "\\mbox");
    unwrapCommand(s, "\\mathrm");
    std::string out;
    for (char c : s)
        if (!std::isspace(static_cast<unsigned char>(c))) out += c;
    while (!out.empty() && out.back() == '.') out.pop_back();
    return out;
}

// Removes thousands separators: a ',' between a digit and exactly three digits.
std::string dropThousandsCommas(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ',' && i > 0 && isDigit(s[i - 1]) && i + 3 < s.size() + 0 && isDigit(s[i + 1]) && isDigit(s[i + 2]) &&
            isDigit(s[i + 3]) && (i + 4 >= s.size() || !isDigit(s[i + 4])))
            continue;
        out += s[i];
    }
    return out;
}

}  // namespace

std::optional<std::string> gsm8kGold(const std::string& answer) {
    const size_t pos = answer.rfind("####");
    if (pos == std::string::npos) return std::nullopt;
    const std::string gold = detail::trim(answer.substr(pos + 4));
    if (gold.empty()) return std::nullopt;
    return gold;
}

std::optional<std::string> lastBoxed(const std::string& text) {
    size_t best = std::string::npos, cmdLen = 0;
    for (const char* cmd : {"\\boxed", "\\fbox"}) {
        const size_t p = text.rfind(cmd);
        if (p != std::string::npos && (best == std::string::npos || p > best)) {
            best = p;
            cmdLen = std::char_traits<char>::length(cmd);
        }
    }
    if (best == std::string::npos) return std::nullopt;
    size_t open = best + cmdLen;
    while (open < text.size() && text[open] == ' ') ++open;
    const auto inner = braceGroup(text, open, nullptr);
    if (!inner) return std::nullopt;
    return detail::trim(*inner);
}

const char* answerSourceName(AnswerSource s) {
    switch (s) {
    case AnswerSource::Tagged: return "answer_tag";
    case AnswerSource::Hashes: return "hashes";
    case AnswerSource::Boxed: return "boxed";
    case AnswerSource::LastNumber: return "last_number";
    case AnswerSource::None: break;
    }
    return "none";
}

std::optional<std::string> lastNumber(const std::string& text) {
    std::optional<std::string> last;
    size_t i = 0;
    while (i < text.size()) {
        if (!isDigit(text[i])) {
            ++i;
            continue;
        }
        size_t start = i;
        if (start > 0 && text[start - 1] == '-' && (start == 1 || !std::isalnum(static_cast<unsigned char>(text[start - 2]))))
            --start;
        while (i < text.size() && (isDigit(text[i]) || (text[i] == ',' && i + 1 < text.size() && isDigit(text[i + 1])))) ++i;
        for (char sep : {'.', '/'}) {
            if (i + 1 < text.size() && text[i] == sep && isDigit(text[i + 1])) {
                ++i;
                while (i < text.size() && isDigit(text[i])) ++i;
            }
        }
        last = text.substr(start, i - start);
    }
    return last;
}

FinalAnswer extractFinalAnswer(const std::string& completion) {
    std::string tagged;
    if (extractTaggedAnswer(completion, &tagged)) return {tagged, AnswerSource::Tagged};
    const size_t hashes = completion.rfind("####");
    if (hashes != std::string::npos) {
        std::string rest = completion.substr(hashes + 4);
        rest = detail::trim(rest);
        rest = detail::trim(rest.substr(0, rest.find('\n')));
        if (!rest.empty()) return {rest, AnswerSource::Hashes};
    }
    if (auto boxed = lastBoxed(completion)) return {*boxed, AnswerSource::Boxed};
    if (auto number = lastNumber(completion)) return {*number, AnswerSource::LastNumber};
    return {};
}

std::optional<Rational> parseNumericAnswer(const std::string& text) {
    std::string s = dropThousandsCommas(cleanText(text));
    // "x=5", "k = -2": a single-letter name before '='.
    if (s.size() > 2 && std::isalpha(static_cast<unsigned char>(s[0])) && s[1] == '=') s = s.substr(2);
    for (const char* unit : {"^\\circ", "^{\\circ}", "\\%", "%"})
        if (endsWith(s, unit)) s.resize(s.size() - std::char_traits<char>::length(unit));
    bool negative = false;
    if (startsWith(s, "-\\frac")) {
        negative = true;
        s = s.substr(1);
    }
    if (startsWith(s, "\\frac")) {
        size_t end = 0;
        const auto num = braceGroup(s, 5, &end);
        if (!num) return std::nullopt;
        size_t end2 = 0;
        const auto den = braceGroup(s, end, &end2);
        if (!den || end2 != s.size()) return std::nullopt;
        const auto a = Rational::parse(*num);
        const auto b = Rational::parse(*den);
        if (!a || !b || b->isZero()) return std::nullopt;
        try {
            const Rational q = *a / *b;
            return negative ? Rational(0) - q : q;
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }
    return Rational::parse(s);
}

std::string normaliseAnswer(const std::string& text) {
    if (text.size() > kMaxAnswerLength)
        throw std::invalid_argument("answer longer than " + std::to_string(kMaxAnswerLength) + " bytes (" +
                                    std::to_string(text.size()) + ")");
    if (const auto v = parseNumericAnswer(text)) return v->toString();
    return cleanText(text);
}

}  // namespace gcpo::tasks
