// gcpo-train sample: G completions of one prompt from a policy checkpoint (verdicts with --family).
#include <iostream>
#include <nlohmann/json.hpp>

#include "model/sample_runner.h"
#include "train/cli_util.h"
#include "train/commands.h"

namespace gcpo::cli {

namespace {

void addSampleCommand(CLI::App& app) {
    auto* cmd = app.add_subcommand("sample", "Sample completions of a prompt from a policy checkpoint");
    auto r = std::make_shared<model::SampleRequest>();
    auto json = std::make_shared<bool>(false);
    cmd->add_option("--checkpoint", r->checkpoint, "checkpoint directory (e.g. OUT/checkpoint from gcpo-train sft)")->required();
    auto* promptOpt = cmd->add_option(
        "--prompt", r->prompt,
        "prompt text; \\n is read as a newline, and one is added at the end when missing (task prompts end with one)");
    auto taskText = std::make_shared<std::string>();
    auto* taskOpt = cmd->add_option(
        "--task", *taskText,
        "a task object as `gcpo-train tasks sample` prints it: its prompt is sampled and each completion verified");
    promptOpt->excludes(taskOpt);
    cmd->add_option("--format-reward", r->formatReward, "reward of a well-formatted wrong answer in the verdicts");
    cmd->add_option("-n", r->n, "completions to sample (G)")->check(CLI::Range(1, 4096));
    cmd->add_option("--temperature", r->temperature, "0 = greedy")->check(CLI::NonNegativeNumber);
    cmd->add_option("--top-k", r->topK, "0 = off")->check(CLI::NonNegativeNumber);
    cmd->add_option("--top-p", r->topP, "1 = off")->check(CLI::Range(1e-9, 1.0));
    cmd->add_option("--max-new-tokens", r->maxNewTokens)->check(CLI::PositiveNumber);
    cmd->add_option("--seed", r->seed);
    cmd->add_option("--device", r->device, "auto, cpu, cuda or cuda:N");
    cmd->add_option("--threads", r->threads, "LibTorch threads (0 = automatic: the CPUs free now)");
    cmd->add_flag("--json", *json, "one JSON object per completion instead of text");
    cmd->callback([r, json, taskText] {
        if (taskText->empty() && r->prompt.empty()) throw ExitError(kExitBadInput, "sample: give --prompt or --task");
        if (!taskText->empty()) {
            try {
                r->task = nlohmann::json::parse(*taskText);
            } catch (const nlohmann::json::exception& e) {
                throw ExitError(kExitBadInput, std::string("--task: not valid JSON (") + e.what() + ")");
            }
        }
        std::string prompt;
        for (size_t i = 0; i < r->prompt.size(); ++i) {
            if (r->prompt[i] == '\\' && i + 1 < r->prompt.size() && r->prompt[i + 1] == 'n') {
                prompt += '\n';
                ++i;
            } else {
                prompt += r->prompt[i];
            }
        }
        if (prompt.empty() || prompt.back() != '\n') prompt += '\n';
        r->prompt = prompt;
        std::vector<model::SampledCompletion> out;
        try {
            out = model::sampleFromCheckpoint(*r);
        } catch (const std::invalid_argument& e) {
            throw ExitError(kExitBadInput, e.what());
        }
        for (size_t i = 0; i < out.size(); ++i) {
            const auto& c = out[i];
            if (*json) {
                nlohmann::json j = {
                    {"index", i}, {"completion", c.text}, {"tokens", c.tokens}, {"finished", c.finished}, {"logprob", c.logprob}};
                if (!c.verdict.is_null()) j["verdict"] = c.verdict;
                std::cout << j.dump() << "\n";
            } else {
                std::cout << "[" << i << "] " << nlohmann::json(c.text).dump();
                if (!c.finished) std::cout << "  (cut at max tokens)";
                if (!c.verdict.is_null())
                    std::cout << "  " << (c.verdict.value("correct", false) ? "correct" : "wrong")
                              << (c.verdict.value("error", std::string()).empty()
                                      ? ""
                                      : " (" + c.verdict["error"].get<std::string>() + ")");
                std::cout << "\n";
            }
        }
    });
}

}  // namespace

GCPO_REGISTER_COMMAND(31, addSampleCommand);

}  // namespace gcpo::cli
