// JSONL import of real data sets (GSM8K: question/answer with "#### gold"; MATH: problem/solution
// with the gold in the last \boxed{...}). A malformed line is reported and the rest still read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tasks/task.h"

namespace gcpo::tasks {

enum class DatasetFormat { Gsm8k, Math };
std::optional<DatasetFormat> parseDatasetFormat(const std::string& name);  // "gsm8k" | "math"
const char* datasetFormatName(DatasetFormat f);

struct SkippedLine {
    int64_t line = 0;  // 1-based
    std::string reason;
};

struct ImportReport {
    std::vector<Task> tasks;           // one per kept line, in file order; id "<format>/L<line>"
    std::vector<SkippedLine> skipped;  // in file order
    int64_t lines = 0;                 // non-blank lines seen (blank lines are ignored)
    size_t kept() const { return tasks.size(); }
    // {"kept": n, "skipped": m, "lines": l, "skipped_lines": [{"line": 3, "reason": "..."}]}
    nlohmann::json summary() const;
};

// One data set record as a task (family "gsm8k" or "math"): prompt = question/problem + "\n",
// data = the record plus "gold" (as written) and solutions = {normaliseAnswer(gold)}.
// Throws std::invalid_argument with the reason (missing key, no "####", no \boxed{...}).
Task taskFromRecord(DatasetFormat format, const nlohmann::json& record);

ImportReport importJsonlText(const std::string& text, DatasetFormat format);
// Throws std::runtime_error naming the file when it cannot be read.
ImportReport importJsonlFile(const std::string& path, DatasetFormat format);

}  // namespace gcpo::tasks
