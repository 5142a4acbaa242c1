// Final answers of free-text solutions (GSM8K / MATH style): gold extraction from data set
// records, final-answer extraction from completions, and normalisation for comparison.
#pragma once

#include <optional>
#include <string>

#include "tasks/rational.h"

namespace gcpo::tasks {

// GSM8K gold: the text after the last "####", trimmed (nullopt if absent or empty).
std::optional<std::string> gsm8kGold(const std::string& answer);

// The content of the last \boxed{...} (or \fbox{...}), braces matched, nested braces kept
// (nullopt if there is none or its braces are unbalanced).
std::optional<std::string> lastBoxed(const std::string& text);

// Where a completion's final answer was found, in order of preference.
enum class AnswerSource { Tagged, Hashes, Boxed, LastNumber, None };
const char* answerSourceName(AnswerSource s);

struct FinalAnswer {
    std::string text;
    AnswerSource source = AnswerSource::None;
};
// <answer>...</answer> (the last one), else the first line after the last "####", else the last
// \boxed{...}, else the last number in the text.
FinalAnswer extractFinalAnswer(const std::string& completion);

// The last number in the text ("1,234", "-3.5", "2/3"), as written; nullopt if none.
std::optional<std::string> lastNumber(const std::string& text);

// Exact value of a numeric answer after normalisation: spaces, thousands commas, '$', '%',
// a trailing '.', "\!", "\left"/"\right", a "x =" style prefix, \text{...} units and
// \frac{a}{b} / \dfrac / \tfrac are handled; "18.0" == 18, "0.5" == 1/2, "-\frac{3}{4}" == -3/4.
std::optional<Rational> parseNumericAnswer(const std::string& text);

// Longest answer text that is normalised (gold answers on import, final answers of completions):
// normalisation is superlinear in the worst case, and no real final answer is longer.
constexpr size_t kMaxAnswerLength = 1000;

// Canonical comparison key: the reduced rational ("18", "-3/4") when numeric, otherwise the text
// with spaces, '$', "\left", "\right", "\!", "\," and a trailing '.' removed and \dfrac/\tfrac
// written \frac. Throws std::invalid_argument for a text longer than kMaxAnswerLength.
std::string normaliseAnswer(const std::string& text);

}  // namespace gcpo::tasks
