// gcpo-train sft: supervised warm-up of the policy on a task suite (progress on stderr, checkpoint in --out).
#include <atomic>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "model/sft_runner.h"
#include "train/cli_util.h"
#include "train/commands.h"

namespace gcpo::cli {

namespace {

std::atomic<bool> g_stopSft{false};

extern "C" void onStopSignal(int) { g_stopSft.store(true); }

void printProgress(const model::SftProgress& p, bool json) {
    if (json) {
        std::cerr << model::toJson(p).dump() << std::endl;
        return;
    }
    using K = model::SftProgress::Kind;
    switch (p.kind) {
    case K::Train:
        std::fprintf(stderr, "sft step %lld/%lld  loss %.4f  lr %.2e  grad_norm %.3f  %.0f tok/s  %.0fs\n",
                     static_cast<long long>(p.step), static_cast<long long>(p.totalSteps), p.loss, p.lr, p.gradNorm,
                     p.tokensPerSecond, p.elapsedSeconds);
        break;
    case K::Eval:
    case K::Done:
        std::fprintf(stderr,
                     "sft %s step %lld  accuracy %.3f  format %.3f  reward %.3f  length %.1f  (%lld held-out prompts)  %.0fs\n",
                     p.kind == K::Done ? "final eval" : "eval", static_cast<long long>(p.step), p.evalAccuracy, p.evalFormatRate,
                     p.evalReward, p.evalMeanLength, static_cast<long long>(p.evalPrompts), p.elapsedSeconds);
        if (p.kind == K::Eval) std::fprintf(stderr, "    sample: %s\n", nlohmann::json(p.sampleCompletion).dump().c_str());
        if (p.kind == K::Done) std::fprintf(stderr, "sft done: checkpoint %s\n", p.checkpointDir.c_str());
        break;
    case K::Checkpoint:
        std::fprintf(stderr, "sft checkpoint step %lld -> %s\n", static_cast<long long>(p.step), p.checkpointDir.c_str());
        break;
    }
    std::fflush(stderr);
}

void addSftCommand(CLI::App& app) {
    auto* cmd = app.add_subcommand("sft", "Supervised warm-up of the policy on a task suite (writes DIR/checkpoint)");
    struct Args {
        std::string config, out, device;
        int threads = -1;
        bool json = false;
    };
    auto a = std::make_shared<Args>();
    cmd->add_option("--config", a->config, "SFT config JSON (e.g. resources/configs/sft_demo.json), or - for stdin")->required();
    cmd->add_option("--out", a->out, "output directory (config.json, checkpoint/)")->required();
    cmd->add_option("--threads", a->threads, "LibTorch threads (0 = automatic: the CPUs free now; overrides the config)");
    cmd->add_option("--device", a->device, "auto, cpu, cuda or cuda:N (overrides the config)");
    cmd->add_flag("--json", a->json, "progress as JSON lines on stderr");
    cmd->footer(
        "Config keys: tasks, model, train, eval, checkpoint, device, threads (see core/model/sft_config.h).\n"
        "SIGINT/SIGTERM stop after the current step with a checkpoint (exit 130); rerunning the same\n"
        "config with the same --out continues from it.");
    cmd->callback([a] {
        const std::string text = readFileOrStdin(a->config);
        nlohmann::json cfg;
        try {
            cfg = nlohmann::json::parse(text);
        } catch (const nlohmann::json::exception& e) {
            throw ExitError(kExitBadInput, a->config + ": not valid JSON (" + e.what() + ")");
        }
        if (!cfg.is_object()) throw ExitError(kExitBadInput, a->config + ": expected a JSON object");
        if (a->threads >= 0) cfg["threads"] = a->threads;
        if (!a->device.empty()) cfg["device"] = a->device;
        std::signal(SIGINT, onStopSignal);
        std::signal(SIGTERM, onStopSignal);
        int rc = 0;
        try {
            rc = model::runSft(
                cfg, a->out, [&](const model::SftProgress& p) { printProgress(p, a->json); }, &g_stopSft);
        } catch (const std::invalid_argument& e) {
            throw ExitError(kExitBadInput, a->config + ": " + e.what());
        }
        if (rc == 130) throw ExitError(kExitInterrupted, "sft: stopped; checkpoint written to " + a->out + "/checkpoint");
    });
}

}  // namespace

GCPO_REGISTER_COMMAND(30, addSftCommand);

}  // namespace gcpo::cli
