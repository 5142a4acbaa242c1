// gsm8k / math families: tasks drawn from imported JSONL records, verified by final answer.
#include "tasks/imported_family.h"

#include <numeric>
#include <stdexcept>

#include "tasks/answer_extraction.h"
#include "tasks/task_util.h"

namespace gcpo::tasks {

ImportedFamily::ImportedFamily(DatasetFormat format, const nlohmann::json& options) : m_format(format) {
    detail::OptionReader r(options);
    const std::string path = r.string("path", "");
    const std::string testPath = r.string("test_path", "");
    r.finish();
    if (path.empty() && !testPath.empty()) throw std::invalid_argument("test_path: needs path as well");
    if (path.empty()) return;
    try {
        m_report = importJsonlFile(path, format);
    } catch (const std::runtime_error& e) {
        throw std::invalid_argument(std::string("path: ") + e.what());
    }
    if (testPath.empty()) {
        for (Task& t : m_report.tasks)
            (detail::splitOfKey(name() + "|" + t.prompt) == Split::Test ? m_test : m_train).push_back(t);
    } else {
        m_train = m_report.tasks;
        ImportReport test;
        try {
            test = importJsonlFile(testPath, format);
        } catch (const std::runtime_error& e) {
            throw std::invalid_argument(std::string("test_path: ") + e.what());
        }
        m_test = test.tasks;
        for (const SkippedLine& s : test.skipped) m_report.skipped.push_back({s.line, testPath + ": " + s.reason});
        m_report.lines += test.lines;
    }
    for (Task& t : m_train) t.data["split"] = "train";
    for (Task& t : m_test) t.data["split"] = "test";
}

std::string ImportedFamily::description() const {
    return m_format == DatasetFormat::Gsm8k
               ? "GSM8K-style JSONL (question, answer with '#### gold'); options: path, test_path"
               : "MATH-style JSONL (problem, solution with the gold in the last \\boxed{}); options: path, test_path";
}

Task ImportedFamily::generate(Split split, uint64_t seed, int64_t index) const {
    const std::vector<Task>& pool = split == Split::Train ? m_train : m_test;
    if (pool.empty())
        throw std::logic_error(name() + ": no " + (split == Split::Train ? "train" : "test") +
                               " records loaded (set options.path to a JSONL file)");
    // index -> (offset + index * stride) mod n with stride coprime to n: a permutation of the pool
    // for each block of n consecutive indices.
    const uint64_t n = pool.size();
    const uint64_t h = detail::mix64(seed ^ detail::hashString(name()));
    const uint64_t offset = h % n;
    uint64_t stride = detail::mix64(h) % n;
    if (stride == 0) stride = 1;
    while (std::gcd(stride, n) != 1) stride = stride % n + 1;
    const uint64_t pick = (offset + (static_cast<uint64_t>(index) % n) * stride) % n;
    return pool[pick];
}

Verdict ImportedFamily::verify(const Task& task, const std::string& completion, const RewardConfig& reward) const {
    const std::string gold =
        task.solutions.empty() ? normaliseAnswer(detail::dataString(task.data, "gold")) : task.solutions.front();
    const FinalAnswer fa = extractFinalAnswer(completion);
    if (fa.source == AnswerSource::None) {
        Verdict v;
        v.error = "no final answer in the completion (no <answer>, ####, \\boxed{} or number)";
        return v;
    }
    const bool formatted = fa.source != AnswerSource::LastNumber;
    if (fa.text.size() > kMaxAnswerLength)
        return detail::makeVerdict(reward, formatted, false, fa.text.substr(0, 80) + "...", "",
                                   "the final answer is longer than " + std::to_string(kMaxAnswerLength) + " bytes");
    const std::string canonical = normaliseAnswer(fa.text);
    const bool correct = canonical == gold;
    return detail::makeVerdict(
        reward, formatted, correct, fa.text, canonical,
        "answer " + canonical + " (from " + answerSourceName(fa.source) + ") does not match the gold " + gold);
}

std::string ImportedFamily::targetCompletion(const Task& task, std::mt19937_64&) const {
    std::string work;
    if (m_format == DatasetFormat::Gsm8k && task.data.contains("answer") && task.data["answer"].is_string()) {
        const std::string a = task.data["answer"].get<std::string>();
        work = detail::trim(a.substr(0, a.rfind("####")));
    } else if (m_format == DatasetFormat::Math && task.data.contains("solution") && task.data["solution"].is_string()) {
        work = detail::trim(task.data["solution"].get<std::string>());
    }
    return (work.empty() ? "" : work + "\n") + "<answer>" + detail::dataString(task.data, "gold") + "</answer>";
}

Task ImportedFamily::fromJson(const nlohmann::json& j) const {
    if (!j.is_object()) throw std::invalid_argument("task: must be an object");
    const bool raw = m_format == DatasetFormat::Gsm8k ? j.contains("question") : j.contains("problem");
    if (raw) {
        Task t = taskFromRecord(m_format, j);
        t.id = name() + "/record";
        return t;
    }
    Task t = TaskFamily::fromJson(j);
    if (t.data.contains("gold")) {
        detail::dataString(t.data, "gold");
    } else {  // a task object whose data is a raw record
        const Task ref = taskFromRecord(m_format, t.data);
        t.data = ref.data;
        if (t.prompt.empty()) t.prompt = ref.prompt;
    }
    if (t.solutions.empty()) t.solutions = {normaliseAnswer(t.data["gold"].get<std::string>())};
    return t;
}

}  // namespace gcpo::tasks
