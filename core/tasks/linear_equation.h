// linear-equation: solve ax + b = c for an integer x; one correct answer, for measuring accuracy.
#pragma once

#include <cstdint>
#include <string>

#include "tasks/task.h"

namespace gcpo::tasks {

struct LinearEquationOptions {
    int64_t maxCoefficient = 9;  // a in [1, maxCoefficient]
    int64_t maxSolution = 10;    // x in [-maxSolution, maxSolution]
    int64_t maxOffset = 20;      // b in [-maxOffset, maxOffset]
};

class LinearEquationFamily : public TaskFamily {
public:
    explicit LinearEquationFamily(const LinearEquationOptions& options = {});
    static LinearEquationOptions parseOptions(const nlohmann::json& options);

    std::string name() const override { return "linear-equation"; }
    std::string description() const override;
    Task generate(Split split, uint64_t seed, int64_t index) const override;
    Verdict verify(const Task& task, const std::string& completion, const RewardConfig& reward) const override;
    bool enumeratesSolutions() const override { return true; }
    // "3x=21\n<answer>7</answer>": one line of working, then the answer.
    std::string targetCompletion(const Task& task, std::mt19937_64& rng) const override;
    Task fromJson(const nlohmann::json& j) const override;

    static Task makeTask(int64_t a, int64_t b, int64_t c);  // throws std::invalid_argument unless a != 0 and a | (c - b)

private:
    LinearEquationOptions m_options;
};

}  // namespace gcpo::tasks
