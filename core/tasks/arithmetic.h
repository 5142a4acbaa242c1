// arithmetic: multi-digit a+b, a-b, a*b; one correct answer, for measuring accuracy.
#pragma once

#include <cstdint>
#include <string>

#include "tasks/task.h"

namespace gcpo::tasks {

struct ArithmeticOptions {
    int maxDigits = 3;     // operands have 1..maxDigits digits (digit count drawn first, then the value)
    int mulMaxDigits = 2;  // the second factor of a product has at most this many digits
    std::string ops = "+-*";
};

class ArithmeticFamily : public TaskFamily {
public:
    explicit ArithmeticFamily(const ArithmeticOptions& options = {});
    static ArithmeticOptions parseOptions(const nlohmann::json& options);

    std::string name() const override { return "arithmetic"; }
    std::string description() const override;
    Task generate(Split split, uint64_t seed, int64_t index) const override;
    Verdict verify(const Task& task, const std::string& completion, const RewardConfig& reward) const override;
    bool enumeratesSolutions() const override { return true; }
    std::string targetCompletion(const Task& task, std::mt19937_64& rng) const override;
    Task fromJson(const nlohmann::json& j) const override;

    static Task makeTask(int64_t a, char op, int64_t b);  // throws std::invalid_argument on overflow

private:
    ArithmeticOptions m_options;
};

}  // namespace gcpo::tasks
