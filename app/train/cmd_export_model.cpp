// gcpo-train export-model: write a trained policy (or a model folder) as a Hugging Face folder that
// transformers' from_pretrained and vLLM load as it is.
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "model/hf/hf_tools.h"
#include "rl/run_config.h"
#include "store/run_store.h"
#include "train/cli_util.h"
#include "train/commands.h"

namespace gcpo::cli {

namespace {

namespace fs = std::filesystem;

struct ExportOptions {
    std::string db, model, out, dtype = "bf16";
    int64_t run = 0, step = -1, shardBytes = 5'000'000'000;
};

// The Hugging Face folder inside a run's checkpoint of `step` (-1 = the latest on disk).
std::string runModelFolder(const ExportOptions& o) {
    std::unique_ptr<store::RunStore> db;
    store::RunInfo info;
    try {
        db = std::make_unique<store::RunStore>(o.db, store::RunStore::Mode::Read);
        info = db->runInfo(o.run);
    } catch (const std::exception& e) {
        throw ExitError(kExitBadInput, e.what());
    }
    rl::RunConfig config;
    try {
        config = rl::resolveRunConfig(nlohmann::json::parse(info.configJson));
    } catch (const std::exception& e) {
        throw ExitError(kExitBadInput,
                        "run " + std::to_string(o.run) + ": its stored config does not resolve (" + e.what() + ")");
    }
    if (config.model.init != rl::ModelInit::Hf)
        throw ExitError(kExitBadInput, "run " + std::to_string(o.run) +
                                           " trains the built-in character-level model (model.init=" +
                                           nlohmann::json(config.model.init).get<std::string>() +
                                           "), which has no Hugging Face architecture or tokenizer to export to; export-model "
                                           "exports runs started from a Hugging Face folder (model.init=hf)");
    const auto all = db->checkpoints(o.run);
    for (auto ck = all.rbegin(); ck != all.rend(); ++ck) {
        if (o.step >= 0 && ck->step != o.step) continue;
        const std::string dir = (fs::path(ck->path) / "model").string();
        if (fs::exists(fs::path(dir) / "config.json")) return dir;
        if (o.step >= 0) break;
    }
    throw ExitError(kExitBadInput, "run " + std::to_string(o.run) + " has no checkpoint" +
                                       (o.step >= 0 ? " of step " + std::to_string(o.step) : std::string()) + " on disk");
}

void addExportModelCommand(CLI::App& app) {
    auto* cmd = app.add_subcommand("export-model",
                                   "Write a run's policy (--db/--run) or a model folder (--model) as a Hugging Face folder: "
                                   "config.json, model.safetensors (sharded with an index above --shard-bytes), tokenizer files");
    auto o = std::make_shared<ExportOptions>();
    auto* dbOpt = cmd->add_option("--db", o->db, "run database");
    cmd->add_option("--run", o->run, "run id (with --db)");
    cmd->add_option("--step", o->step, "checkpoint step (default: the latest)");
    auto* modelOpt = cmd->add_option("--model", o->model, "a Hugging Face model folder to re-write (e.g. in another dtype)");
    dbOpt->excludes(modelOpt);
    cmd->add_option("--out", o->out, "output folder (must not exist)")->required();
    cmd->add_option("--dtype", o->dtype, "stored weights: bf16, fp16 or fp32")->check(CLI::IsMember({"fp32", "bf16", "fp16"}));
    cmd->add_option("--shard-bytes", o->shardBytes, "largest shard in bytes")->check(CLI::PositiveNumber);
    cmd->callback([o] {
        if (o->db.empty() == o->model.empty()) throw ExitError(kExitBadInput, "export-model: give --db and --run, or --model");
        const std::string src = o->db.empty() ? o->model : runModelFolder(*o);
        if (fs::exists(o->out)) throw ExitError(kExitBadInput, o->out + ": exists (refusing to overwrite it)");
        try {
            model::hf::convertHfFolder(src, o->out, o->dtype, o->shardBytes);
        } catch (const std::invalid_argument& e) {
            throw ExitError(kExitBadInput, e.what());
        }
        std::cout << "wrote " << o->out << " (" << o->dtype << ", from " << src << ")\n";
    });
}

}  // namespace

GCPO_REGISTER_COMMAND(62, addExportModelCommand);

}  // namespace gcpo::cli
