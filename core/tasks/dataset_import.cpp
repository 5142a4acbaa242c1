// JSONL import: each line parsed on its own, so one malformed line never stops the rest.
#include "tasks/dataset_import.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "tasks/answer_extraction.h"
#include "tasks/task_util.h"
#include "util/json_guard.h"

namespace gcpo::tasks {

namespace {

std::string requireText(const nlohmann::json& record, const char* key) {
    if (!record.contains(key)) throw std::invalid_argument(std::string("missing key '") + key + "'");
    if (!record[key].is_string()) throw std::invalid_argument(std::string("'") + key + "' must be a string");
    const std::string v = record[key].get<std::string>();
    if (detail::trim(v).empty()) throw std::invalid_argument(std::string("'") + key + "' is empty");
    return v;
}

}  // namespace

std::optional<DatasetFormat> parseDatasetFormat(const std::string& name) {
    if (name == "gsm8k") return DatasetFormat::Gsm8k;
    if (name == "math") return DatasetFormat::Math;
    return std::nullopt;
}

const char* datasetFormatName(DatasetFormat f) { return f == DatasetFormat::Gsm8k ? "gsm8k" : "math"; }

nlohmann::json ImportReport::summary() const {
    nlohmann::json skippedLines = nlohmann::json::array();
    for (const SkippedLine& s : skipped) skippedLines.push_back({{"line", s.line}, {"reason", s.reason}});
    return {{"kept", kept()}, {"skipped", skipped.size()}, {"lines", lines}, {"skipped_lines", skippedLines}};
}

Task taskFromRecord(DatasetFormat format, const nlohmann::json& record) {
    if (!record.is_object()) throw std::invalid_argument("not a JSON object");
    Task t;
    t.family = datasetFormatName(format);
    t.data = record;
    std::string gold;
    if (format == DatasetFormat::Gsm8k) {
        t.prompt = detail::trim(requireText(record, "question")) + "\n";
        const std::string answer = requireText(record, "answer");
        const auto g = gsm8kGold(answer);
        if (!g) throw std::invalid_argument("no '#### <answer>' gold value in 'answer'");
        gold = *g;
    } else {
        t.prompt = detail::trim(requireText(record, "problem")) + "\n";
        const std::string solution = requireText(record, "solution");
        const auto g = lastBoxed(solution);
        if (!g) {
            if (solution.find("\\boxed") == std::string::npos && solution.find("\\fbox") == std::string::npos)
                throw std::invalid_argument("no \\boxed{...} gold answer in 'solution'");
            throw std::invalid_argument("unbalanced braces in the last \\boxed{...} of 'solution'");
        }
        if (g->empty()) throw std::invalid_argument("the last \\boxed{} of 'solution' is empty");
        gold = *g;
    }
    t.data["gold"] = gold;
    t.solutions = {normaliseAnswer(gold)};
    return t;
}

ImportReport importJsonlText(const std::string& text, DatasetFormat format) {
    ImportReport report;
    std::istringstream in(text);
    std::string line;
    int64_t lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (detail::trim(line).empty()) continue;
        ++report.lines;
        if (!util::isValidUtf8(line)) {
            report.skipped.push_back({lineNo, "not valid UTF-8"});
            continue;
        }
        nlohmann::json record;
        try {
            record = util::parseJson(line);
        } catch (const nlohmann::json::exception& e) {
            report.skipped.push_back({lineNo, std::string("not valid JSON (") + e.what() + ")"});
            continue;
        } catch (const std::invalid_argument& e) {
            report.skipped.push_back({lineNo, e.what()});
            continue;
        }
        try {
            Task t = taskFromRecord(format, record);
            t.id = std::string(datasetFormatName(format)) + "/L" + std::to_string(lineNo);
            report.tasks.push_back(std::move(t));
        } catch (const std::exception& e) {
            report.skipped.push_back({lineNo, e.what()});
        }
    }
    return report;
}

ImportReport importJsonlFile(const std::string& path, DatasetFormat format) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot open file");
    std::ostringstream os;
    os << in.rdbuf();
    if (in.bad()) throw std::runtime_error(path + ": read error");
    return importJsonlText(os.str(), format);
}

}  // namespace gcpo::tasks
