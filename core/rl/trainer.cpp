// The RL trainer: set-up from a resolved config, the step loop, evaluation, checkpoints, resume,
// graceful interruption and failure on non-finite values. Every step goes to the run store.
#include "rl/trainer.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/checkpoint.h"
#include "model/hf/hf_checkpoint.h"
#include "model/hf/hf_model.h"
#include "model/sft_cache.h"
#include "model/sft_runner.h"
#include "rl/evaluator.h"
#include "rl/rl_step.h"
#include "rl/train_config.h"
#include "store/run_claim.h"
#include "util/torch_runtime.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace gcpo::rl {

std::string resourcesDir() {
    if (const char* env = std::getenv("GCPO_RESOURCES"); env && *env) return env;
    return GCPO_SOURCE_RESOURCES_DIR;
}

std::string sftCacheDir(const std::string& cacheRoot, const json& sftConfig) {
    return (fs::path(cacheRoot) / model::sftCacheKey(sftConfig)).string();
}

namespace {

json readJsonFile(const std::string& path, const std::string& what) {
    std::ifstream in(path);
    if (!in) throw std::invalid_argument(what + ": cannot open " + path);
    try {
        return json::parse(in);
    } catch (const json::exception& e) {
        throw std::invalid_argument(what + ": " + path + " is not valid JSON (" + e.what() + ")");
    }
}

double since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void applyThreads(const json& config) {
    if (const char* env = std::getenv("GCPO_THREADS"); env && *env) setTorchThreads(std::atoi(env));
    else setTorchThreads(config.at("threads").get<int>());
}

// The parent checkpoint for a resolved config, training the SFT warm-up first when needed.
// Returns "" for a scratch policy; sets *interrupted when the warm-up was stopped.
std::string prepareInitialPolicy(const json& config, const TrainerOptions& opt, bool* interrupted) {
    const std::string init = at(config, "model.init").get<std::string>();
    if (init == "checkpoint") return at(config, "model.checkpoint").get<std::string>();
    if (init == "hf") return at(config, "model.path").get<std::string>();  // no warm-up: the folder is the policy
    if (init == "scratch") return "";
    std::string path = at(config, "model.sft_config").get<std::string>();
    if (path.empty()) path = resourcesDir() + "/configs/sft_demo.json";
    json sft = readJsonFile(path, "model.sft_config");
    if (const char* env = std::getenv("GCPO_THREADS"); env && *env) sft["threads"] = std::atoi(env);
    const auto t0 = std::chrono::steady_clock::now();
    auto onSft = [&](const model::SftProgress& p) {
        if (!opt.onProgress) return;
        TrainerProgress tp;
        tp.phase = "sft";
        tp.step = p.step;
        tp.totalSteps = p.totalSteps;
        tp.elapsedSeconds = since(t0);
        tp.etaSeconds = p.step > 0 ? tp.elapsedSeconds / p.step * (p.totalSteps - p.step) : 0.0;
        tp.metrics = model::toJson(p);
        std::ostringstream os;
        os.precision(3);
        os << "SFT warm-up " << model::toString(p.kind) << " step " << p.step << "/" << p.totalSteps;
        if (p.kind == model::SftProgress::Kind::Train) os << "  loss " << p.loss << "  " << static_cast<int64_t>(p.tokensPerSecond) << " tok/s";
        if (p.kind == model::SftProgress::Kind::Eval)
            os << "  held-out accuracy " << p.evalAccuracy << "  format " << p.evalFormatRate;
        os << "  eta " << static_cast<int64_t>(tp.etaSeconds) << "s";
        tp.message = os.str();
        opt.onProgress(tp);
    };
    model::SftCacheRequest request;
    request.config = sft;
    request.root = opt.sftCacheRoot.empty() ? opt.dbPath + ".sft" : opt.sftCacheRoot;
    request.shippedRoot = resourcesDir() + "/sft";
    request.train = [&](const std::string& dir) { return model::runSft(sft, dir, onSft, opt.stop); };
    request.stop = opt.stop;
    request.notice = [&](const std::string& message) {
        if (opt.onProgress) opt.onProgress({"sft", 0, 0, 0, since(t0), 0.0, json::object(), message});
    };
    const std::string ckpt = model::obtainSftWarmup(request);
    if (ckpt.empty()) *interrupted = true;
    return ckpt;
}

class Run {
public:
    // Mode::Write for a new run (the database may be created), Mode::Update to resume one.
    Run(const TrainerOptions& opt, store::RunStore::Mode mode) : m_opt(opt), m_store(opt.dbPath, mode) {}

    void setUp(const json& config, const std::string& parent) {
        m_parent = parent;
        TrainContext& c = m_ctx;
        c.config = config;
        applyThreads(config);
        c.device = torch::Device(resolveDevice(at(config, "device").get<std::string>()));
        c.seed = at(config, "seed").get<uint64_t>();
        torch::manual_seed(c.seed);
        const bool hf = at(config, "model.init").get<std::string>() == "hf";
        c.hfDir = hf ? parent : "";
        if (hf) {
            setUpHfPolicy(config);
        } else if (parent.empty()) {
            model::ModelConfig mc;
            mc.vocabSize = c.tokenizer.vocabSize();
            model::Transformer t(mc);
            t->to(c.device);
            c.policy = std::make_shared<model::TransformerPolicy>(t);
        } else {
            model::LoadedPolicy lp = model::loadPolicy(parent, c.device);
            c.policy = std::make_shared<model::TransformerPolicy>(lp.model);
            c.tokenizer = lp.tokenizer;
        }
        if (!hf) c.codec = model::makeBuiltinCodec(c.tokenizer);
        c.suite = std::make_unique<tasks::TaskSuite>(
            json{{"families", at(config, "tasks.families")}, {"format_reward", at(config, "tasks.format_reward")}});
        c.advantage = advantageConfigFromRun(config);
        c.embedding = at(config, "gcpo.embedding").get<std::string>();
        c.ngramDim = at(config, "gcpo.ngram_dim").get<int>();
        c.needEmbeddings = c.advantage.algorithm == Algorithm::Gcpo || c.advantage.algorithm == Algorithm::GrpoDiversityBonus ||
                           c.advantage.computeCoverage;
        c.loss.clipLow = at(config, "algo.clip_low").get<double>();
        c.loss.clipHigh = at(config, "algo.clip_high").get<double>();
        c.loss.aggregation = lossAggregationFromString(at(config, "algo.loss_agg").get<std::string>());
        c.loss.klCoef = at(config, "algo.kl_coef").get<double>();
        c.loss.klEstimator = klEstimatorFromString(at(config, "algo.kl_estimator").get<std::string>());
        c.loss.entropyCoef = at(config, "algo.entropy_coef").get<double>();
        c.loss.maxNewTokens = at(config, "sampling.max_new_tokens").get<int64_t>();
        c.prompts = at(config, "sampling.prompts_per_step").get<int64_t>();
        c.groupSize = at(config, "sampling.group_size").get<int64_t>();
        c.epochs = at(config, "algo.epochs").get<int64_t>();
        c.microBatch = at(config, "optim.micro_batch").get<int64_t>();
        c.filterZeroStd = at(config, "algo.filter_zero_std").get<bool>();
        c.sampling.temperature = at(config, "sampling.temperature").get<double>();
        c.sampling.topK = at(config, "sampling.top_k").get<int64_t>();
        c.sampling.topP = at(config, "sampling.top_p").get<double>();
        c.sampling.maxNewTokens = c.loss.maxNewTokens;
        const bool needReference = c.loss.klCoef > 0.0;  // policy-hidden embeddings come from the sampling pass
        if (needReference) {
            // The frozen reference is the initial policy (the SFT checkpoint), never updated.
            c.reference = c.policy->clonePolicy(c.device);
            if (hf && at(config, "model.dtype").get<std::string>() == "bf16") {  // the frozen reference is stored in bf16
                auto ref = std::dynamic_pointer_cast<model::hf::LlamaFamilyImpl>(c.reference);
                ref->to(torch::kBFloat16);
                ref->setComputeDtype(torch::kBFloat16);
            }
            c.reference->module().eval();
            for (auto& p : c.reference->module().parameters()) p.set_requires_grad(false);
        }
        const auto& o = config.at("optim");
        torch::optim::AdamWOptions ao(o.at("lr").get<double>());
        ao.betas({o.at("beta1").get<double>(), o.at("beta2").get<double>()});
        ao.weight_decay(o.at("weight_decay").get<double>());
        c.optimizer = std::make_unique<torch::optim::AdamW>(c.policy->module().parameters(), ao);
        const std::string keep = at(config, "storage.rollouts").get<std::string>();
        m_store.setRolloutRetention(keep == "none" ? store::RolloutRetention::none()
                                    : keep == "every_n"
                                        ? store::RolloutRetention::everyNth(at(config, "storage.rollouts_every").get<int64_t>())
                                        : store::RolloutRetention::everyStep());
        m_total = at(config, "steps").get<int64_t>();
    }

    // Makes this process the run's only trainer (store::RunClaim, released by the OS whatever way the
    // process ends), then removes checkpoint temporaries a killed predecessor left behind.
    void claim(int64_t id) {
        m_claim = store::RunClaim::acquire(m_opt.dbPath, id);
        const int removed = model::removeCheckpointTemporaries(runDir(id));
        if (removed > 0) m_store.appendLog(id, "info", "removed " + std::to_string(removed) + " unfinished checkpoint folder(s)");
    }

    // Resume only a run that no live process owns: one whose owner is provably gone or, without an
    // owner lock, whose heartbeat is stale (both read as Crashed), or one that ended.
    void claimForResume(int64_t id) {
        const store::RunInfo before = m_store.runInfo(id);
        if (before.status == store::RunStatus::Finished)
            throw std::invalid_argument("run " + std::to_string(id) + " has already finished");
        if (before.status == store::RunStatus::Running) {
            store::RunOwner owner;
            if (store::probeRunOwner(m_opt.dbPath, id, &owner) == store::OwnerState::Alive)
                throw store::RunBusyError("run " + std::to_string(id) + " is being trained by another live process (" +
                                          owner.describe() + "); refusing to resume it");
            throw store::RunBusyError("run " + std::to_string(id) + " may still be trained elsewhere: it has no owner lock and its last heartbeat is " +
                                      std::to_string(static_cast<int64_t>(std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count() -
                                                                          before.heartbeatAt)) +
                                      " s old (it counts as crashed after " + std::to_string(static_cast<int64_t>(store::kDefaultStaleSeconds)) + " s)");
        }
        claim(id);
    }

    int64_t create(const json& config) {
        store::RunInfo info;
        info.name = at(config, "name").get<std::string>();
        info.algorithm = at(config, "algorithm").get<std::string>();
        info.configJson = config.dump();
        info.seed = at(config, "seed").get<int64_t>();
        info.parentCheckpoint = m_parent;
        info.totalSteps = m_total;
        m_runId = m_store.createRun(info);
        claim(m_runId);
        return m_runId;
    }

    // Continue run `id`: returns the first step to train.
    // The newest intact checkpoint wins: a missing or damaged one is skipped, saying so in the log.
    int64_t restore(int64_t id) {
        m_runId = id;
        int64_t start = 1;
        bool touched = false;  // a failed load may have changed the policy or optimizer half-way
        const auto all = m_store.checkpoints(id);
        for (auto ck = all.rbegin(); ck != all.rend(); ++ck) {
            if (!fs::exists(ck->path + "/manifest.json")) continue;
            try {
                if (!m_ctx.hfDir.empty()) {
                    touched = true;
                    model::hf::loadHfCheckpoint(ck->path, hfPolicy(), m_ctx.optimizer.get(), /*restoreRng=*/true);
                } else {
                    model::readCheckpointInfo(ck->path);  // manifest and config first: no state changed on failure
                    touched = true;
                    model::loadCheckpoint(ck->path, builtinPolicy(), m_ctx.tokenizer, m_ctx.optimizer.get(), /*restoreRng=*/true);
                }
            } catch (const std::runtime_error& e) {
                const std::string msg = "checkpoint of step " + std::to_string(ck->step) + " is unusable (" + e.what() +
                                        "); falling back to an older one";
                m_store.appendLog(id, "warn", msg);
                if (m_opt.onProgress) m_opt.onProgress({"resume", id, ck->step, m_total, 0.0, 0.0, json::object(), msg});
                continue;
            }
            start = ck->step + 1;
            m_lastCheckpoint = ck->step;
            touched = false;
            break;
        }
        if (touched) {  // no intact checkpoint: back to the initial policy, untouched
            const json config = m_ctx.config;
            const std::string parent = m_parent;
            setUp(config, parent);
        }
        if (start == 1 && !all.empty()) m_store.appendLog(id, "warn", "no intact checkpoint: restarting from the initial policy");
        m_store.deleteStepsAfter(id, start - 1);
        m_store.setStatus(id, store::RunStatus::Running);
        m_store.appendLog(id, "info", "resumed at step " + std::to_string(start));
        return start;
    }

    int loop(int64_t start) {
        const auto t0 = std::chrono::steady_clock::now();
        const int64_t evalEvery = at(m_ctx.config, "eval.every").get<int64_t>();
        const int64_t ckptEvery = at(m_ctx.config, "checkpoint.every").get<int64_t>();
        if (start == 1 && evalEvery > 0 && m_store.maxStep(m_runId) < 0) {  // baseline of the initial policy
            store::StepRecord rec;
            rec.runId = m_runId;
            rec.step = 0;
            addEval(rec, 0);
            m_store.writeStep(rec);
            report("eval", 0, t0, start, rec);
        }
        double lastStoreSeconds = 0.0;
        for (int64_t step = start; step <= m_total; ++step) {
            if (m_opt.stop && m_opt.stop->load()) return interrupt(step - 1);
            StepResult r = runRlStep(m_ctx, step, learningRate(step));
            if (!r.finite) {
                const std::string msg = "step " + std::to_string(step) + ": " + r.failure + "; stopped (last good checkpoint: step " +
                                        std::to_string(m_lastCheckpoint) + ")";
                m_store.appendLog(m_runId, "error", msg);
                m_store.setStatus(m_runId, store::RunStatus::Failed, msg);
                if (m_opt.onProgress) m_opt.onProgress({"failed", m_runId, step, m_total, since(t0), 0.0, json::object(), msg});
                return kTrainFailed;
            }
            r.record.runId = m_runId;
            r.record.metrics.push_back({"time/store", lastStoreSeconds});
            if ((evalEvery > 0 && step % evalEvery == 0) || (evalEvery > 0 && step == m_total)) addEval(r.record, step);
            const auto ts = std::chrono::steady_clock::now();
            m_store.writeStep(r.record);
            lastStoreSeconds = since(ts);
            report("step", step, t0, start, r.record);
            if ((ckptEvery > 0 && step % ckptEvery == 0) || step == m_total) checkpoint(step);
        }
        m_store.setStatus(m_runId, store::RunStatus::Finished);
        if (m_opt.onProgress) m_opt.onProgress({"done", m_runId, m_total, m_total, since(t0), 0.0, json::object(), "finished"});
        return kTrainOk;
    }

    int64_t runId() const { return m_runId; }
    store::RunStore& db() { return m_store; }

private:
    model::Transformer& builtinPolicy() { return static_cast<model::TransformerPolicy&>(*m_ctx.policy).model(); }
    model::hf::LlamaFamilyImpl& hfPolicy() { return static_cast<model::hf::LlamaFamilyImpl&>(*m_ctx.policy); }

    // model.init = hf: the folder's weights as fp32 master weights (model.dtype bf16: bf16 arithmetic),
    // its tokenizer and chat format.
    void setUpHfPolicy(const json& config) {
        TrainContext& c = m_ctx;
        auto m = model::hf::loadHfModel(c.hfDir, c.device, torch::kFloat);
        m->setComputeDtype(at(config, "model.dtype").get<std::string>() == "bf16" ? torch::kBFloat16 : torch::kFloat);
        m->setGradientCheckpointing(at(config, "model.gradient_checkpointing").get<bool>());
        m->setHiddenLayer(at(config, "model.embedding_layer").get<int64_t>());
        c.policy = m.ptr();
        c.codec = model::makeHfCodec(c.hfDir, at(config, "model.chat_format").get<std::string>(),
                                     at(config, "model.system_prompt").get<std::string>());
    }

    std::string runDir(int64_t id) const { return m_opt.dbPath + ".runs/run-" + std::to_string(id); }

    double learningRate(int64_t step) const {
        const auto& o = m_ctx.config.at("optim");
        const double lr = o.at("lr").get<double>();
        const int64_t warm = o.at("warmup_steps").get<int64_t>();
        if (warm > 0 && step <= warm) return lr * static_cast<double>(step) / warm;
        if (o.at("schedule") == "cosine" && m_total > warm) {
            const double progress = static_cast<double>(step - warm) / static_cast<double>(m_total - warm);
            return lr * (0.1 + 0.9 * 0.5 * (1.0 + std::cos(M_PI * progress)));
        }
        return lr;
    }

    void addEval(store::StepRecord& rec, int64_t step) {
        m_store.heartbeat(m_runId);
        EvalResult e = evaluate(m_ctx, step);
        rec.evals = std::move(e.values);
        rec.evalSamples = std::move(e.samples);
    }

    void checkpoint(int64_t step) {
        if (step <= m_lastCheckpoint) return;
        const std::string dir = runDir(m_runId) + "/step-" + std::to_string(step);
        if (!m_ctx.hfDir.empty()) {  // a Hugging Face folder (fp32 master weights) + optimizer: export-model reads it
            model::hf::saveHfCheckpoint(dir, hfPolicy(), m_ctx.hfDir, m_ctx.optimizer.get(), step);
        } else {
            model::CheckpointInfo info;
            info.model = builtinPolicy()->config();
            info.tokenizer = m_ctx.tokenizer;
            info.step = step;
            info.extra = {{"run_id", m_runId}, {"reference", m_parent}};
            model::saveCheckpoint(dir, builtinPolicy(), m_ctx.tokenizer, m_ctx.optimizer.get(), info);
        }
        m_store.addCheckpoint(m_runId, step, dir);
        m_lastCheckpoint = step;
        // Keep the most recent checkpoint.keep directories.
        const auto all = m_store.checkpoints(m_runId);
        const int64_t keep = at(m_ctx.config, "checkpoint.keep").get<int64_t>();
        for (size_t i = 0; i + keep < all.size(); ++i) fs::remove_all(all[i].path);
    }

    int interrupt(int64_t lastDone) {
        if (lastDone > 0) checkpoint(lastDone);
        const std::string msg = "interrupted after step " + std::to_string(lastDone);
        m_store.appendLog(m_runId, "info", msg);
        m_store.setStatus(m_runId, store::RunStatus::Interrupted, msg);
        if (m_opt.onProgress) m_opt.onProgress({"interrupted", m_runId, lastDone, m_total, 0.0, 0.0, json::object(), msg});
        return kTrainInterrupted;
    }

    void report(const std::string& phase, int64_t step, std::chrono::steady_clock::time_point t0, int64_t start,
                const store::StepRecord& rec) {
        if (!m_opt.onProgress) return;
        TrainerProgress p;
        p.phase = phase;
        p.runId = m_runId;
        p.step = step;
        p.totalSteps = m_total;
        p.elapsedSeconds = since(t0);
        const int64_t done = step - start + 1;
        p.etaSeconds = done > 0 ? p.elapsedSeconds / done * static_cast<double>(m_total - step) : 0.0;
        for (const auto& m : rec.metrics) p.metrics[m.key] = m.value;
        for (const auto& e : rec.evals) p.metrics["eval/" + e.metric] = e.value;
        composeMessage(p);
        m_opt.onProgress(p);
    }

    static void composeMessage(TrainerProgress& p) {
        std::ostringstream os;
        os.precision(3);
        os << "step " << p.step << "/" << p.totalSteps;
        for (const char* k : {"reward", "accuracy", "gcpo/team_coverage", "eval/pass@1", "eval/pass@8", "step_time"})
            if (p.metrics.contains(k)) os << "  " << k << " " << p.metrics[k].get<double>();
        os << "  eta " << static_cast<int64_t>(p.etaSeconds) << "s";
        p.message = os.str();
    }

    TrainerOptions m_opt;
    store::RunStore m_store;
    store::RunClaim m_claim;
    TrainContext m_ctx;
    std::string m_parent;
    int64_t m_runId = 0, m_total = 0, m_lastCheckpoint = 0;
};

}  // namespace

int runTraining(const json& config, const TrainerOptions& opt, int64_t* runIdOut) {
    const json resolved = resolveConfig(config);  // throws with every problem before anything is written
    bool interrupted = false;
    const std::string parent = prepareInitialPolicy(resolved, opt, &interrupted);
    if (interrupted) return kTrainInterrupted;
    Run run(opt, store::RunStore::Mode::Write);
    run.setUp(resolved, parent);
    const int64_t id = run.create(resolved);
    if (runIdOut) *runIdOut = id;
    try {
        return run.loop(1);
    } catch (const std::exception& e) {
        run.db().setStatus(id, store::RunStatus::Failed, e.what());
        throw;
    }
}

int resumeTraining(int64_t runId, const TrainerOptions& opt) {
    Run run(opt, store::RunStore::Mode::Update);
    run.claimForResume(runId);  // throws store::RunBusyError while another process owns the run
    const store::RunInfo info = run.db().runInfo(runId);
    const json config = json::parse(info.configJson);
    run.setUp(config, info.parentCheckpoint);
    const int64_t start = run.restore(runId);
    try {
        return run.loop(start);
    } catch (const std::exception& e) {
        run.db().setStatus(runId, store::RunStatus::Failed, e.what());
        throw;
    }
}

}  // namespace gcpo::rl
