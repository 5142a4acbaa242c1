// gsm8k and math: task families over imported JSONL data. verify() reads the completion's final
// answer (<answer>, else "####", else \boxed{}, else the last number) and compares it with the
// gold after normalisation (numbers exactly, as rationals).
#pragma once

#include <string>
#include <vector>

#include "tasks/dataset_import.h"
#include "tasks/task.h"

namespace gcpo::tasks {

class ImportedFamily : public TaskFamily {
public:
    // options: "path" (JSONL file; without it generate() throws), "test_path" (a separate test
    // file; otherwise records are split by a hash of their prompt). Lines that cannot be imported
    // are skipped (see importReport()).
    ImportedFamily(DatasetFormat format, const nlohmann::json& options = nlohmann::json::object());

    std::string name() const override { return datasetFormatName(m_format); }
    std::string description() const override;
    // The (split, seed, index) record: consecutive indices walk a seeded permutation of the split.
    Task generate(Split split, uint64_t seed, int64_t index) const override;
    Verdict verify(const Task& task, const std::string& completion, const RewardConfig& reward) const override;
    bool enumeratesSolutions() const override { return true; }  // the normalised gold is the only answer
    // The record's own worked solution (before "####" for GSM8K), then <answer>gold</answer>.
    std::string targetCompletion(const Task& task, std::mt19937_64& rng) const override;
    // Accepts a task object or a raw data set record ({"question","answer"} / {"problem","solution"}).
    Task fromJson(const nlohmann::json& j) const override;

    size_t size(Split split) const { return split == Split::Train ? m_train.size() : m_test.size(); }
    const ImportReport& importReport() const { return m_report; }

private:
    DatasetFormat m_format;
    std::vector<Task> m_train, m_test;
    ImportReport m_report;
};

}  // namespace gcpo::tasks
