// Verifiable tasks: one prompt, an exact verifier, and (where enumerable) every correct answer.
// Plain C++ (no LibTorch): the trainer, the CLI and the workbench all verify through this.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gcpo::tasks {

enum class Split { Train, Test };
const char* splitName(Split s);                            // "train" | "test"
std::optional<Split> parseSplit(const std::string& name);  // nullopt unless "train" / "test"

// Every character a generated prompt or completion (targetCompletion) can contain: '\n' followed
// by printable ASCII 32..126, in that order (96 characters). Generated prompts are short (about
// 20-40 characters, e.g. "countdown 3 7 12 -> 46\n") and end with '\n'; target completions are
// a line or two of working at most, then "<answer>...</answer>" with no trailing newline.
// Imported data (gsm8k, math) is the data set's own text and may contain any UTF-8.
const std::string& taskAlphabet();

// Reward settings shared by every family.
struct RewardConfig {
    double correctReward = 1.0;  // a correct, well-formatted answer
    double formatReward = 0.0;   // a well-formatted but wrong answer (e.g. 0.1); 0 disables
};

struct Task {
    std::string family;                  // "countdown", "sum-decomposition", ...
    std::string id;                      // stable id, e.g. "countdown/test/s7/17"
    std::string prompt;                  // the text the policy is conditioned on (ends with "\n")
    nlohmann::json data;                 // family-specific parameters (numbers, target, gold, ...)
    std::vector<std::string> solutions;  // complete canonical solution set; empty if not enumerable
};

// Verification reads the LAST <answer>...</answer> of the completion (everything after the prompt).
// wellFormatted means that answer was found AND is syntactically an answer of the family (a valid
// expression, a '+'-joined list of numbers, a number); such an answer that is wrong (wrong value,
// reused or foreign number, division by zero, overflow) gets RewardConfig::formatReward.
// Generated families never throw on a completion; they throw std::invalid_argument only when the
// task's data is malformed.
struct Verdict {
    bool correct = false;
    double reward = 0.0;
    bool wellFormatted = false;  // an <answer>...</answer> (or family-specific final answer) was found
    std::string parsedAnswer;    // the answer text as read from the completion ("" if none)
    std::string canonical;       // canonical form of the answer (equal for equivalent answers)
    std::string error;           // why it is wrong or unparseable ("" when correct)
};

nlohmann::json toJson(const Verdict& v);  // {correct, reward, parsed_answer, canonical, error, well_formatted}

class TaskFamily {
public:
    virtual ~TaskFamily() = default;
    virtual std::string name() const = 0;
    virtual std::string description() const = 0;
    // Deterministic: the same (split, seed, index) always gives the same task, and no task of the
    // Test split is ever produced for the Train split (splits are disjoint by construction).
    virtual Task generate(Split split, uint64_t seed, int64_t index) const = 0;
    virtual Verdict verify(const Task& task, const std::string& completion, const RewardConfig& reward) const = 0;
    // True when generate() fills Task::solutions with the complete solution set.
    virtual bool enumeratesSolutions() const = 0;
    // A training target for supervised warm-up: short free-form reasoning then
    // "<answer>...</answer>", the answer drawn uniformly from the solution set with rng.
    virtual std::string targetCompletion(const Task& task, std::mt19937_64& rng) const = 0;
    // Task object as `gcpo-train tasks sample` prints it, and back (throws std::invalid_argument
    // naming the field on a malformed object).
    virtual nlohmann::json toJson(const Task& task) const;
    virtual Task fromJson(const nlohmann::json& j) const;
};

// Families: "countdown", "sum-decomposition", "arithmetic", "linear-equation" (generated) and
// "gsm8k", "math" (imported data; options "path" and "test_path" load a JSONL file, see
// imported_family.h). Family headers (countdown.h, ...) document each family's options. `options` are family settings (e.g. {"use_all": true}); an
// unknown family or option throws std::invalid_argument naming it.
std::unique_ptr<TaskFamily> makeFamily(const std::string& name, const nlohmann::json& options = nlohmann::json::object());
std::vector<std::string> familyNames();

// The text between the last </answer> and the last <answer> before it, trimmed of whitespace;
// returns false (and leaves *answer empty) when there is no such pair.
bool extractTaggedAnswer(const std::string& completion, std::string* answer);

}  // namespace gcpo::tasks
