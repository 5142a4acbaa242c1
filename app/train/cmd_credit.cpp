// gcpo-train credit: GCPO team coverage, Shapley credit and advantages for one group (JSON in/out).
#include <iostream>
#include <nlohmann/json.hpp>

#include "rl/credit_json.h"
#include "train/cli_util.h"
#include "train/commands.h"
#include "util/json_guard.h"

namespace gcpo::cli {

namespace {

void addCreditCommand(CLI::App& app) {
    auto* cmd = app.add_subcommand("credit", "Credit one rollout group: reads a JSON object, prints a JSON object");
    auto path = std::make_shared<std::string>();
    cmd->add_option("input", *path, "JSON file with rewards, embeddings and optional settings, or - for stdin")->required();
    cmd->footer(
        "Input keys: rewards (G numbers in [0,1]), embeddings (G arrays of d numbers); optional kernel\n"
        "(cosine|rbf), rbf_gamma, volume_scale, estimator (exact|permutation|leave_one_out), samples,\n"
        "seed, accuracy_weight, scale_by_std. Output: team_reward, credit, advantage, grpo_advantage.");
    cmd->callback([path] {
        const std::string text = readFileOrStdin(*path);
        const std::string where = *path == "-" ? std::string("stdin") : *path;
        nlohmann::json j;
        try {
            j = util::parseJson(text);
        } catch (const nlohmann::json::exception& e) {  // syntax error, invalid UTF-8 or number overflow
            throw ExitError(kExitBadInput, where + ": not valid JSON (" + util::toValidUtf8(e.what()) + ")");
        } catch (const std::invalid_argument& e) {  // nested too deeply
            throw ExitError(kExitBadInput, where + ": " + e.what());
        }
        try {
            const rl::CreditRequest req = rl::parseCreditRequest(j);
            const rl::CreditResult res = rl::computeCredit(req.rewards, req.embeddings, req.dim, req.config);
            std::cout << rl::toJson(res).dump() << "\n";
        } catch (const std::invalid_argument& e) {
            throw ExitError(kExitBadInput, where + ": " + e.what());
        }
    });
}

}  // namespace

GCPO_REGISTER_COMMAND(10, addCreditCommand);

}  // namespace gcpo::cli
