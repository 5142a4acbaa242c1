// countdown: reach a target from a few numbers with + - * / and parentheses, each number at most
// once (exactly once with use_all). Many correct answers per prompt; all are enumerated.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tasks/task.h"

namespace gcpo::tasks {

struct CountdownOptions {
    int count = 3;          // how many numbers (2..5)
    int64_t minNumber = 1;  // the numbers are drawn uniformly from [minNumber, maxNumber]
    int64_t maxNumber = 12;
    int64_t minTarget = 10;  // the target is drawn uniformly from the reachable integers in range
    int64_t maxTarget = 100;
    bool useAll = false;   // every number exactly once (else: at most once)
    int minSolutions = 2;  // resample instances with fewer distinct canonical solutions (1: any target)
};

// Every expression over (a sub-multiset of) `numbers` whose exact value is `target`, as sorted,
// de-duplicated canonical forms (see canonicalForm). Built by combining pairs of partial results
// in every order, so every binary expression tree is reached; overflow and division by zero are
// skipped as the verifier rejects them.
std::vector<std::string> countdownSolutions(const std::vector<int64_t>& numbers, int64_t target, bool useAll);

// Every integer value reachable from `numbers` (same rules), sorted.
std::vector<int64_t> countdownReachableIntegers(const std::vector<int64_t>& numbers, bool useAll);

// Verification of one answer text against an instance, without the <answer> tags.
struct CountdownCheck {
    bool parsed = false;  // a syntactically valid expression
    bool correct = false;
    std::string canonical;
    std::string error;
};
CountdownCheck checkCountdownAnswer(const std::vector<int64_t>& numbers, int64_t target, bool useAll, const std::string& answer);

class CountdownFamily : public TaskFamily {
public:
    explicit CountdownFamily(const CountdownOptions& options = {});
    static CountdownOptions parseOptions(const nlohmann::json& options);  // throws naming the option

    std::string name() const override { return "countdown"; }
    std::string description() const override;
    Task generate(Split split, uint64_t seed, int64_t index) const override;
    Verdict verify(const Task& task, const std::string& completion, const RewardConfig& reward) const override;
    bool enumeratesSolutions() const override { return true; }
    std::string targetCompletion(const Task& task, std::mt19937_64& rng) const override;
    Task fromJson(const nlohmann::json& j) const override;

    // The task for one instance (prompt, data, solutions), independent of split bookkeeping.
    static Task makeTask(const std::vector<int64_t>& numbers, int64_t target, bool useAll);

private:
    CountdownOptions m_options;
};

}  // namespace gcpo::tasks
