// gcpo-train tasks {list,sample,import} and gcpo-train verify: the task suites from the shell.
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <nlohmann/json.hpp>

#include "tasks/dataset_import.h"
#include "tasks/line_verifier.h"
#include "tasks/task.h"
#include "tasks/task_suite.h"
#include "train/cli_util.h"
#include "train/commands.h"
#include "util/json_guard.h"

namespace gcpo::cli {

namespace {

nlohmann::json parseJsonArg(const std::string& text, const std::string& what) {
    try {
        return util::parseJson(text);
    } catch (const nlohmann::json::exception& e) {
        throw ExitError(kExitBadInput, what + ": not valid JSON (" + util::toValidUtf8(e.what()) + ")");
    } catch (const std::invalid_argument& e) {
        throw ExitError(kExitBadInput, what + ": " + e.what());
    }
}

void addList(CLI::App& tasks) {
    auto* cmd = tasks.add_subcommand("list", "List the task families");
    cmd->callback([] {
        for (const std::string& name : tasks::familyNames()) {
            const auto f = tasks::makeFamily(name);
            std::cout << name << "\t" << f->description() << "\n";
        }
    });
}

struct SampleArgs {
    std::string family, config, split = "train", options = "{}";
    uint64_t seed = 0;
    int64_t n = 10, start = 0;
};

void addSample(CLI::App& tasks) {
    auto a = std::make_shared<SampleArgs>();
    auto* cmd = tasks.add_subcommand("sample", "Print generated tasks as JSON lines (one task object each)");
    auto* fam = cmd->add_option("--family", a->family, "task family (see `tasks list`)");
    auto* cfg = cmd->add_option("--config", a->config, "task suite JSON file ({\"families\": [...]}) to sample the mixture from");
    fam->excludes(cfg);
    cmd->add_option("--seed", a->seed, "seed")->capture_default_str();
    cmd->add_option("--n", a->n, "number of tasks")->capture_default_str()->check(CLI::Range(int64_t(0), int64_t(100000000)));
    cmd->add_option("--start", a->start, "first index")->capture_default_str()->check(CLI::NonNegativeNumber);
    cmd->add_option("--split", a->split, "train or test")->capture_default_str()->check(CLI::IsMember({"train", "test"}));
    cmd->add_option("--options", a->options, "family options as a JSON object, e.g. '{\"count\":4}'")->capture_default_str();
    cmd->callback([a] {
        if (a->family.empty() && a->config.empty()) throw ExitError(kExitBadInput, "tasks sample: give --family or --config");
        const tasks::Split split = *tasks::parseSplit(a->split);
        try {
            if (!a->config.empty()) {
                const tasks::TaskSuite suite(parseJsonArg(readFileOrStdin(a->config), a->config));
                for (int64_t i = a->start; i < a->start + a->n; ++i) {
                    const tasks::Task t = suite.sample(split, a->seed, i);
                    std::cout << util::dumpSafe(suite.family(t.family).toJson(t)) << "\n";
                }
                return;
            }
            const auto family = tasks::makeFamily(a->family, parseJsonArg(a->options, "--options"));
            for (int64_t i = a->start; i < a->start + a->n; ++i)
                std::cout << util::dumpSafe(family->toJson(family->generate(split, a->seed, i))) << "\n";
        } catch (const std::invalid_argument& e) {
            throw ExitError(kExitBadInput, e.what());
        } catch (const std::logic_error& e) {  // an imported family without data
            throw ExitError(kExitBadInput, e.what());
        }
    });
}

void addImport(CLI::App& tasks) {
    auto format = std::make_shared<std::string>();
    auto path = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    auto* cmd = tasks.add_subcommand("import", "Read a GSM8K/MATH-style JSONL file and report the lines kept and skipped");
    cmd->add_option("--format", *format, "gsm8k (question, answer '#### gold') or math (problem, solution '\\boxed{gold}')")
        ->required()
        ->check(CLI::IsMember({"gsm8k", "math"}));
    cmd->add_option("file", *path, "JSONL file")->required();
    cmd->add_option("--out", *out, "also write the kept tasks as JSON lines (task objects) to this file");
    cmd->footer(
        "Prints one JSON summary line {kept, skipped, lines, skipped_lines:[{line, reason}]}; each skipped\n"
        "line is also reported on stderr, naming the line. Exit code 2 when the file cannot be read, and\n"
        "also when any line was skipped (after the summary and --out, which hold the lines kept).");
    cmd->callback([format, path, out] {
        const tasks::DatasetFormat f = *tasks::parseDatasetFormat(*format);
        tasks::ImportReport report;
        try {
            report = tasks::importJsonlFile(*path, f);
        } catch (const std::runtime_error& e) {
            throw ExitError(kExitBadInput, e.what());
        }
        for (const tasks::SkippedLine& s : report.skipped)
            std::cerr << *path << ":" << s.line << ": skipped: " << util::toValidUtf8(s.reason) << "\n";
        if (!out->empty()) {
            std::ofstream os(*out, std::ios::binary | std::ios::trunc);
            if (!os) throw ExitError(kExitFailure, *out + ": cannot write file");
            const auto family = tasks::makeFamily(*format);
            for (const tasks::Task& t : report.tasks) os << util::dumpSafe(family->toJson(t)) << "\n";
            if (!os) throw ExitError(kExitFailure, *out + ": write error");
        }
        nlohmann::json summary = report.summary();
        summary["format"] = *format;
        summary["file"] = *path;
        std::cout << util::dumpSafe(summary) << "\n";
        std::cout.flush();
        if (!report.skipped.empty())
            throw ExitError(kExitBadInput, *path + ": " + std::to_string(report.skipped.size()) + " of " +
                                               std::to_string(report.lines) + " lines were skipped (see above)");
    });
}

void addVerify(CLI::App& app) {
    auto path = std::make_shared<std::string>();
    auto reward = std::make_shared<tasks::RewardConfig>();
    auto* cmd = app.add_subcommand("verify", "Verify completions: JSON lines in, one verdict JSON line out per input line");
    cmd->add_option("input", *path, "JSONL file of {\"family\", \"task\", \"completion\"}, or - for stdin")->required();
    cmd->add_option("--format-reward", reward->formatReward, "reward of a well-formatted wrong answer")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 1.0));
    cmd->footer(
        "`task` is a task object as `tasks sample` prints it (only `data` is required), or for gsm8k and\n"
        "math one record of that data set. Output keys: correct, reward, parsed_answer, canonical, error,\n"
        "well_formatted, line. A bad input line gives a verdict with input_error true and an error naming\n"
        "the line; the exit code is then 2 after all lines are printed.");
    cmd->callback([path, reward] {
        const std::string text = readFileOrStdin(*path);
        tasks::LineVerifier verifier(*reward);
        std::istringstream in(text);
        std::string line;
        int64_t lineNo = 0;
        bool bad = false;
        while (std::getline(in, line)) {
            ++lineNo;
            if (!line.empty() && line.back() == '\r') line.pop_back();
            std::cout << util::dumpSafe(verifier.verify(line, lineNo, &bad)) << "\n";
        }
        std::cout.flush();
        if (bad) throw ExitError(kExitBadInput, *path + ": some input lines were invalid (see their verdict lines)");
    });
}

void addTaskCommands(CLI::App& app) {
    auto* tasks = app.add_subcommand("tasks", "Task suites: list families, sample tasks, import JSONL data sets");
    tasks->require_subcommand(1);
    addList(*tasks);
    addSample(*tasks);
    addImport(*tasks);
    addVerify(app);
}

}  // namespace

GCPO_REGISTER_COMMAND(20, addTaskCommands);

}  // namespace gcpo::cli
