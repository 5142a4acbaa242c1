// gcpo-train score: per-token log-probs of sequences under a Hugging Face model folder (an oracle for
// checking the model against another implementation). JSON lines in, JSON lines out.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "model/hf/bpe_tokenizer.h"
#include "model/hf/hf_tools.h"
#include "train/cli_util.h"
#include "train/commands.h"

namespace gcpo::cli {

namespace {

struct ScoreOptions {
    std::string model, input = "-", device = "cpu", dtype = "fp32";
    bool addSpecial = false;
};

void addScoreCommand(CLI::App& app) {
    auto* cmd = app.add_subcommand(
        "score",
        "Score text with a Hugging Face model folder: JSON lines {\"text\": \"...\"} (raw, no chat format) or {\"ids\": [...]} "
        "in, {\"ids\": [...], \"logprobs\": [...]} out; logprobs[t] = log p(ids[t] | ids before t), 0 for the first token");
    auto o = std::make_shared<ScoreOptions>();
    cmd->add_option("--model", o->model, "Hugging Face model folder (config.json, model.safetensors, tokenizer.json)")
        ->required();
    cmd->add_option("--input", o->input, "JSON-lines file, - for stdin");
    cmd->add_option("--device", o->device, "cpu, cuda, cuda:N or auto");
    cmd->add_option("--dtype", o->dtype, "fp32 or bf16 weights and arithmetic")->check(CLI::IsMember({"fp32", "bf16"}));
    cmd->add_flag(
        "--add-special", o->addSpecial,
        "add the tokenizer's special tokens to text (e.g. Llama 3's <|begin_of_text|>), as add_special_tokens=True does");
    cmd->callback([o] {
        std::unique_ptr<model::hf::HfScorer> scorer;
        std::unique_ptr<model::hf::BpeTokenizer> tokenizer;  // loaded at the first {"text"} line
        try {
            scorer = std::make_unique<model::hf::HfScorer>(o->model, o->device, o->dtype);
        } catch (const std::invalid_argument& e) {
            throw ExitError(kExitBadInput, e.what());
        }
        std::istringstream in(readFileOrStdin(o->input));
        std::string line;
        int lineNo = 0;
        while (std::getline(in, line)) {
            ++lineNo;
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            const std::string where = o->input + ":" + std::to_string(lineNo);
            nlohmann::json j;
            try {
                j = nlohmann::json::parse(line);
            } catch (const nlohmann::json::exception& e) {
                throw ExitError(kExitBadInput, where + ": not valid JSON (" + e.what() + ")");
            }
            if (!j.is_object() || (!j.contains("ids") && !j.contains("text")))
                throw ExitError(kExitBadInput, where + ": expected an object with \"text\" (a string) or \"ids\" (token ids)");
            std::vector<int64_t> ids;
            try {
                if (j.contains("text")) {
                    if (!tokenizer)
                        tokenizer = std::make_unique<model::hf::BpeTokenizer>(model::hf::BpeTokenizer::fromFolder(o->model));
                    for (int32_t id : tokenizer->encode(j.at("text").get<std::string>(), o->addSpecial)) ids.push_back(id);
                } else {
                    ids = j.at("ids").get<std::vector<int64_t>>();
                }
            } catch (const nlohmann::json::exception&) {
                throw ExitError(kExitBadInput, where + ": \"text\" must be a string and \"ids\" a list of integers");
            } catch (const std::invalid_argument& e) {
                throw ExitError(kExitBadInput, where + ": " + e.what());
            }
            std::vector<double> lp;
            try {
                lp = scorer->score(ids);
            } catch (const std::invalid_argument& e) {
                throw ExitError(kExitBadInput, where + ": " + e.what());
            }
            std::cout << nlohmann::json{{"ids", ids}, {"logprobs", lp}}.dump() << "\n";
        }
    });
}

}  // namespace

GCPO_REGISTER_COMMAND(32, addScoreCommand);

}  // namespace gcpo::cli
