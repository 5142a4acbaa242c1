// runSft: the SFT loop behind a torch-free header (progress callback, stop flag, atomic checkpoints).
#include "model/sft_runner.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "model/checkpoint_info.h"
#include "model/sft.h"
#include "util/torch_runtime.h"

namespace gcpo::model {

namespace fs = std::filesystem;

const char* toString(SftProgress::Kind k) {
    switch (k) {
    case SftProgress::Kind::Train: return "train";
    case SftProgress::Kind::Eval: return "eval";
    case SftProgress::Kind::Checkpoint: return "checkpoint";
    case SftProgress::Kind::Done: return "done";
    }
    return "unknown";
}

nlohmann::json toJson(const SftProgress& p) {
    nlohmann::json j = {
        {"kind", toString(p.kind)}, {"step", p.step}, {"total_steps", p.totalSteps}, {"elapsed_s", p.elapsedSeconds}};
    if (p.kind == SftProgress::Kind::Train) {
        j["loss"] = p.loss;
        j["lr"] = p.lr;
        j["grad_norm"] = p.gradNorm;
        j["tokens_per_s"] = p.tokensPerSecond;
    }
    if (p.kind == SftProgress::Kind::Eval || p.kind == SftProgress::Kind::Done) {
        j["eval/prompts"] = p.evalPrompts;
        j["eval/accuracy"] = p.evalAccuracy;
        j["eval/format_rate"] = p.evalFormatRate;
        j["eval/reward"] = p.evalReward;
        j["eval/mean_length"] = p.evalMeanLength;
        j["eval/sample"] = p.sampleCompletion;
    }
    if (!p.checkpointDir.empty()) j["checkpoint"] = p.checkpointDir;
    return j;
}

int runSft(const nlohmann::json& configJson, const std::string& outDir, const std::function<void(const SftProgress&)>& onProgress,
           const std::atomic<bool>* stop) {
    const SftConfig config = sftConfigFromJson(configJson);
    setTorchThreads(config.threads);
    const torch::Device device(resolveDevice(config.device));
    fs::create_directories(outDir);
    {
        std::ofstream out(fs::path(outDir) / "config.json");
        out << toJson(config).dump(2) << "\n";
        if (!out) throw std::runtime_error("sft: cannot write " + (fs::path(outDir) / "config.json").string());
    }
    const std::string ckptDir = (fs::path(outDir) / "checkpoint").string();
    const auto t0 = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
    auto emit = [&](const SftProgress& p) {
        if (onProgress) onProgress(p);
    };

    SftTrainer trainer(config, device);
    // An earlier, interrupted run of the same config in this directory is continued.
    if (fs::exists(fs::path(ckptDir) / "manifest.json")) {
        const CheckpointInfo info = readCheckpointInfo(ckptDir);
        if (info.extra.value("sft_config", nlohmann::json()) == toJson(config)) trainer.resume(ckptDir);
    }

    SftProgress last;
    last.totalSteps = config.steps;
    SftEvalResult lastEval;
    bool evaluated = false;
    auto runEval = [&] {
        lastEval = trainer.evaluate();
        evaluated = true;
        SftProgress p = last;
        p.kind = SftProgress::Kind::Eval;
        p.step = trainer.stepsDone();
        p.elapsedSeconds = elapsed();
        p.evalPrompts = lastEval.prompts;
        p.evalAccuracy = lastEval.accuracy;
        p.evalFormatRate = lastEval.formatRate;
        p.evalReward = lastEval.reward;
        p.evalMeanLength = lastEval.meanLength;
        p.sampleCompletion = lastEval.sampleCompletion;
        emit(p);
        return p;
    };
    nlohmann::json trainLog = nlohmann::json::array();  // [step, mean loss] per report: a fingerprint of the recipe
    auto extra = [&] {
        nlohmann::json e = {{"sft_config", toJson(config)}, {"train_log", trainLog}};
        if (evaluated)
            e["eval"] = {{"step", trainer.stepsDone()},
                         {"accuracy", lastEval.accuracy},
                         {"format_rate", lastEval.formatRate},
                         {"reward", lastEval.reward},
                         {"prompts", lastEval.prompts}};
        return e;
    };
    auto checkpoint = [&] {
        trainer.save(ckptDir, extra());
        SftProgress p = last;
        p.kind = SftProgress::Kind::Checkpoint;
        p.step = trainer.stepsDone();
        p.elapsedSeconds = elapsed();
        p.checkpointDir = ckptDir;
        emit(p);
    };

    torch::Tensor lossSum, normSum;  // on the device: read once per report
    int64_t tokens = 0, since = 0;
    auto windowStart = std::chrono::steady_clock::now();
    while (trainer.stepsDone() < config.steps) {
        const auto s = trainer.step();
        lossSum = lossSum.defined() ? lossSum + s.loss : s.loss;
        normSum = normSum.defined() ? normSum + s.gradNorm : s.gradNorm;
        tokens += s.tokens;
        ++since;
        const int64_t step = trainer.stepsDone();
        if (step % config.logEvery == 0 || step == config.steps) {
            const double window = std::chrono::duration<double>(std::chrono::steady_clock::now() - windowStart).count();
            last.kind = SftProgress::Kind::Train;
            last.step = step;
            last.elapsedSeconds = elapsed();
            last.loss = lossSum.item<double>() / static_cast<double>(since);
            last.gradNorm = normSum.item<double>() / static_cast<double>(since);
            last.lr = s.lr;
            last.tokensPerSecond = window > 0.0 ? static_cast<double>(tokens) / window : 0.0;
            trainLog.push_back({step, last.loss});
            emit(last);
            lossSum = normSum = torch::Tensor();
            tokens = since = 0;
        }
        const bool stopping = stop && stop->load();
        if (config.evalEvery > 0 && step % config.evalEvery == 0 && step < config.steps && !stopping) runEval();
        if (stopping) {
            checkpoint();
            return 130;
        }
        if (config.checkpointEvery > 0 && step % config.checkpointEvery == 0 && step < config.steps) checkpoint();
        if (since == 0) windowStart = std::chrono::steady_clock::now();  // evaluation and saving are not training time
    }
    SftProgress done = runEval();
    checkpoint();
    done.kind = SftProgress::Kind::Done;
    done.elapsedSeconds = elapsed();
    done.checkpointDir = ckptDir;
    emit(done);
    return 0;
}

}  // namespace gcpo::model
