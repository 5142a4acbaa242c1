// The RL trainer: set-up from a resolved config, the step loop, evaluation, checkpoints, resume,
// graceful interruption and failure on non-finite values. Every step goes to the run store.
#include "rl/trainer.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "dist/grad_buckets.h"
#include "dist/step_sync.h"
#include "model/checkpoint.h"
#include "model/hf/hf_checkpoint.h"
#include "model/hf/hf_config.h"
#include "model/hf/hf_model.h"
#include "model/hf/safetensors.h"
#include "model/prompt_codec.h"
#include "model/sft_cache.h"
#include "model/sft_runner.h"
#include "rl/evaluator.h"
#include "rl/rl_step.h"
#include "rl/train_config.h"
#include "store/run_claim.h"
#include "tasks/task_suite.h"
#include "util/json_guard.h"
#include "util/torch_runtime.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace gcpo::rl {

std::string sftCacheDir(const std::string& cacheRoot, const json& sftConfig) {
    return (fs::path(cacheRoot) / model::sftCacheKey(sftConfig)).string();
}

namespace {

json readJsonFile(const std::string& path, const std::string& what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::invalid_argument(what + ": cannot open " + path);
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return util::parseJson(text.str());  // nesting bounded
    } catch (const json::exception& e) {
        throw std::invalid_argument(what + ": " + path + " is not valid JSON (" + util::toValidUtf8(e.what()) + ")");
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(what + ": " + path + ": " + e.what());
    }
}

double since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// The parent checkpoint for a resolved config, training the SFT warm-up first when needed.
// Returns "" for a scratch policy; sets *interrupted when the warm-up was stopped.
std::string prepareInitialPolicy(const RunConfig& config, const TrainerOptions& opt, bool* interrupted) {
    if (config.model.init == ModelInit::Checkpoint) return config.model.checkpoint;
    if (config.model.init == ModelInit::Scratch) return "";
    if (config.model.init == ModelInit::Hf) return config.model.path;  // no warm-up: the folder is the policy
    std::string path = config.model.sftConfig;
    if (path.empty()) {
        if (opt.resourcesDir.empty())
            throw std::invalid_argument("model.sft_config: empty, and no resources folder to take the built-in one from");
        path = opt.resourcesDir + "/configs/sft_demo.json";
    }
    json sft = readJsonFile(path, "model.sft_config");
    if (opt.threadsOverride > 0 && sft.is_object()) sft["threads"] = opt.threadsOverride;
    const auto t0 = std::chrono::steady_clock::now();
    auto onSft = [&](const model::SftProgress& p) {
        if (!opt.onProgress) return;
        TrainerProgress tp;
        tp.phase = RunPhase::Sft;
        tp.step = p.step;
        tp.totalSteps = p.totalSteps;
        tp.elapsedSeconds = since(t0);
        tp.etaSeconds = p.step > 0 ? tp.elapsedSeconds / p.step * (p.totalSteps - p.step) : 0.0;
        tp.metrics = model::toJson(p);
        std::ostringstream os;
        os.precision(3);
        os << "SFT warm-up " << model::toString(p.kind) << " step " << p.step << "/" << p.totalSteps;
        if (p.kind == model::SftProgress::Kind::Train)
            os << "  loss " << p.loss << "  " << static_cast<int64_t>(p.tokensPerSecond) << " tok/s";
        if (p.kind == model::SftProgress::Kind::Eval)
            os << "  held-out accuracy " << p.evalAccuracy << "  format " << p.evalFormatRate;
        os << "  eta " << static_cast<int64_t>(tp.etaSeconds) << "s";
        tp.message = os.str();
        opt.onProgress(tp);
    };
    model::SftCacheRequest request;
    request.config = sft;
    request.root = opt.sftCacheRoot.empty() ? opt.dbPath + ".sft" : opt.sftCacheRoot;
    request.shippedRoot = opt.resourcesDir.empty() ? std::string() : opt.resourcesDir + "/sft";
    request.train = [&](const std::string& dir) { return model::runSft(sft, dir, onSft, opt.stop); };
    request.stop = opt.stop;
    request.notice = [&](const std::string& message) {
        if (!opt.onProgress) return;
        TrainerProgress tp;
        tp.phase = RunPhase::Sft;
        tp.elapsedSeconds = since(t0);
        tp.message = message;
        opt.onProgress(tp);
    };
    const std::string ckpt = model::obtainSftWarmup(request);
    if (ckpt.empty()) *interrupted = true;
    return ckpt;
}

class Run {
public:
    // Mode::Write for a new run (the database may be created), Mode::Update to resume one. In a
    // data-parallel run rank 0 alone opens the database; the other ranks report only how they end.
    // The database opens in open(): a new run loads its policy first, so a folder that fails to load
    // leaves no run behind.
    Run(const TrainerOptions& opt, store::RunStore::Mode mode, std::unique_ptr<dist::Communicator> comm)
        : m_opt(opt), m_mode(mode) {
        m_ctx.comm = std::move(comm);
        if (!m_ctx.comm->isRoot() && m_opt.onProgress) {
            auto inner = m_opt.onProgress;
            m_opt.onProgress = [inner](const TrainerProgress& p) {
                if (p.phase == RunPhase::Failed || p.phase == RunPhase::Interrupted) inner(p);
            };
        }
    }

    void open() {
        if (!m_ctx.comm->isRoot() || m_store) return;
        m_store.emplace(m_opt.dbPath, m_mode);
        applyRetention();
    }

    void setUp(const RunConfig& config, const std::string& parent) {
        m_parent = parent;
        TrainContext& c = m_ctx;
        c.cfg = config;
        setTorchThreads(m_opt.threadsOverride > 0 ? m_opt.threadsOverride : config.threads);
        c.device = torch::Device(resolveDevice(dist::rankDevice(config.device, m_opt.dist)));
        torch::manual_seed(config.seed);
        c.hf = config.model.init == ModelInit::Hf;
        if (c.hf) {
            setUpHfPolicy(config.model);
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
        if (!c.hf) c.codec = model::makeBuiltinCodec(c.tokenizer);
        c.suite = std::make_unique<tasks::TaskSuite>(
            json{{"families", config.tasks.families}, {"format_reward", config.tasks.formatReward}});
        c.advantage = advantageConfig(config);
        c.embedding = config.gcpo.embedding;
        c.ngramDim = config.gcpo.ngramDim;
        c.needEmbeddings = algorithmInfo(config.algorithm).needsEmbeddings || c.advantage.computeCoverage;
        const AlgoSettings& a = config.algo;
        c.loss.clipLow = a.clipLow;
        c.loss.clipHigh = a.clipHigh;
        c.loss.aggregation = a.lossAgg;
        c.loss.klCoef = a.klCoef;
        c.loss.klEstimator = a.klEstimator;
        c.loss.entropyCoef = a.entropyCoef;
        c.loss.maxNewTokens = config.sampling.maxNewTokens;
        c.sampling.temperature = config.sampling.temperature;
        c.sampling.topK = config.sampling.topK;
        c.sampling.topP = config.sampling.topP;
        c.sampling.maxNewTokens = config.sampling.maxNewTokens;
        const bool needReference = c.loss.klCoef > 0.0;  // policy-hidden embeddings come from the sampling pass
        if (needReference) {
            // The frozen reference is the initial policy (the SFT checkpoint), never updated.
            c.reference = c.policy->clonePolicy(c.device);
            if (c.hf && config.model.dtype == ModelDtype::Bf16) {  // the frozen reference is stored in bf16
                auto& ref = static_cast<model::hf::LlamaFamilyImpl&>(*c.reference);
                ref.to(torch::kBFloat16);
                ref.setComputeDtype(torch::kBFloat16);
            }
            c.reference->module().eval();
            for (auto& p : c.reference->module().parameters()) p.set_requires_grad(false);
        }
        const OptimSettings& o = config.optim;
        torch::optim::AdamWOptions ao(o.lr);
        ao.betas({o.beta1, o.beta2});
        ao.weight_decay(o.weightDecay);
        c.optimizer = std::make_unique<torch::optim::AdamW>(c.policy->module().parameters(), ao);
        applyRetention();
        m_total = config.steps;
    }

    // Makes this process the run's only trainer (store::RunClaim, released by the OS whatever way the
    // process ends), then removes checkpoint temporaries a killed predecessor left behind.
    void claim(int64_t id) {
        m_claim = store::RunClaim::acquire(m_opt.dbPath, id);
        const int removed = model::removeCheckpointTemporaries(runDir(id));
        if (removed > 0)
            m_store->appendLog(id, "info", "removed " + std::to_string(removed) + " unfinished checkpoint folder(s)");
    }

    // Resume only a run that no live process owns: one whose owner is provably gone or, without an
    // owner lock, whose heartbeat is stale (both read as Crashed), or one that ended.
    void claimForResume(int64_t id) {
        const store::RunInfo before = m_store->runInfo(id);
        if (before.status == store::RunStatus::Finished)
            throw std::invalid_argument("run " + std::to_string(id) + " has already finished");
        if (before.status == store::RunStatus::Running) {
            store::RunOwner owner;
            if (store::probeRunOwner(m_opt.dbPath, id, &owner) == store::OwnerState::Alive)
                throw store::RunBusyError("run " + std::to_string(id) + " is being trained by another live process (" +
                                          owner.describe() + "); refusing to resume it");
            throw store::RunBusyError(
                "run " + std::to_string(id) + " may still be trained elsewhere: it has no owner lock and its last heartbeat is " +
                std::to_string(static_cast<int64_t>(
                    std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count() -
                    before.heartbeatAt)) +
                " s old (it counts as crashed after " + std::to_string(static_cast<int64_t>(store::kDefaultStaleSeconds)) +
                " s)");
        }
        claim(id);
    }

    int64_t create(const RunConfig& config) {
        store::RunInfo info;
        info.name = config.name;
        info.algorithm = toString(config.algorithm);
        info.configJson = toJson(config).dump();
        info.seed = static_cast<int64_t>(config.seed);
        info.parentCheckpoint = m_parent;
        info.totalSteps = m_total;
        m_runId = std::stoll(dist::fromRoot(*m_ctx.comm, "run-id", [&] {
            const int64_t id = m_store->createRun(info);
            claim(id);
            return std::to_string(id);
        }));
        m_needBaseline = config.eval.every > 0;
        return m_runId;
    }
    // Continue run `id`: returns the first step to train.
    // The newest intact checkpoint wins: a missing or damaged one is skipped, saying so in the log.
    // Data parallel: rank 0 picks the checkpoint, every rank loads it (a file system they all see).
    int64_t restore(int64_t id) {
        m_runId = id;
        const json plan = json::parse(dist::fromRoot(*m_ctx.comm, "restore", [&] { return restoreOnRoot(id).dump(); }));
        const int64_t start = plan.at("start").get<int64_t>();
        if (!m_ctx.comm->isRoot() && start > 1) loadCheckpoint(plan.at("path").get<std::string>());
        m_lastCheckpoint = start - 1;
        m_needBaseline = plan.at("baseline").get<bool>();
        return start;
    }

    // {"start": first step to train, "path": the checkpoint loaded, "baseline": evaluate step 0}.
    json restoreOnRoot(int64_t id) {
        int64_t start = 1;
        std::string loaded;
        bool touched = false;  // a failed load may have changed the policy or optimizer half-way
        const auto all = m_store->checkpoints(id);
        for (auto ck = all.rbegin(); ck != all.rend(); ++ck) {
            if (!fs::exists(ck->path + "/manifest.json")) continue;
            try {
                if (!m_ctx.hf) model::readCheckpointInfo(ck->path);  // manifest and config first: no state changed on failure
                touched = true;
                loadCheckpoint(ck->path);
            } catch (const std::runtime_error& e) {
                const std::string msg = "checkpoint of step " + std::to_string(ck->step) + " is unusable (" + e.what() +
                                        "); falling back to an older one";
                m_store->appendLog(id, "warn", msg);
                if (m_opt.onProgress) m_opt.onProgress({RunPhase::Resume, id, ck->step, m_total, 0.0, 0.0, json::object(), msg});
                continue;
            }
            start = ck->step + 1;
            loaded = ck->path;
            touched = false;
            break;
        }
        if (touched) {  // no intact checkpoint: back to the initial policy, untouched
            const RunConfig config = m_ctx.cfg;
            const std::string parent = m_parent;
            setUp(config, parent);
        }
        if (start == 1 && !all.empty())
            m_store->appendLog(id, "warn", "no intact checkpoint: restarting from the initial policy");
        m_store->deleteStepsAfter(id, start - 1);
        m_store->setStatus(id, store::RunStatus::Running);
        const int ranks = m_ctx.comm->worldSize();
        m_store->appendLog(
            id, "info",
            "resumed at step " + std::to_string(start) + (ranks > 1 ? " on " + std::to_string(ranks) + " ranks" : ""));
        return json{
            {"start", start}, {"path", loaded}, {"baseline", start == 1 && m_ctx.cfg.eval.every > 0 && m_store->maxStep(id) < 0}};
    }

    int loop(int64_t start) {
        const auto t0 = std::chrono::steady_clock::now();
        const int64_t evalEvery = m_ctx.cfg.eval.every;
        const int64_t ckptEvery = m_ctx.cfg.checkpoint.every;
        dist::Communicator& comm = *m_ctx.comm;
        if (start == 1 && m_needBaseline) {  // baseline of the initial policy
            store::StepRecord rec;
            rec.runId = m_runId;
            rec.step = 0;
            addEval(rec, 0);
            dist::gatherShares(comm, rec);
            if (m_store) m_store->writeStep(rec);
            report(RunPhase::Eval, 0, t0, start, rec);
        }
        double lastStoreSeconds = 0.0;
        for (int64_t step = start; step <= m_total; ++step) {
            // A stop asked of any rank (SIGTERM to one Slurm task) stops every rank after the same step.
            const bool stopHere = m_opt.stop && m_opt.stop->load();
            if (dist::sumOverRanks(comm, {stopHere ? 1.0 : 0.0})[0] > 0) return interrupt(step - 1);
            StepResult r;
            try {
                r = runRlStep(m_ctx, step, learningRate(lrSchedule(m_ctx.cfg), step - 1));
            } catch (const std::exception& e) {  // named by step (the message names the quantity)
                throw std::runtime_error("step " + std::to_string(step) + ": " + e.what());
            }
            if (!r.finite) {
                const std::string msg = "step " + std::to_string(step) + ": " + r.failure +
                                        "; stopped (last good checkpoint: step " + std::to_string(m_lastCheckpoint) + ")";
                if (m_store) m_store->appendLog(m_runId, "error", msg);
                if (m_store) m_store->setStatus(m_runId, store::RunStatus::Failed, msg);
                if (m_opt.onProgress)
                    m_opt.onProgress({RunPhase::Failed, m_runId, step, m_total, since(t0), 0.0, json::object(), msg});
                return kTrainFailed;
            }
            r.record.runId = m_runId;
            r.record.metrics.push_back({"time/store", lastStoreSeconds});
            if ((evalEvery > 0 && step % evalEvery == 0) || (evalEvery > 0 && step == m_total)) addEval(r.record, step);
            checkReplicas(step);
            comm.notePhase("step " + std::to_string(step) + " sending the step record");
            const double secondsGather = dist::gatherShares(comm, r.record);
            if (comm.distributed()) r.record.metrics.push_back({"time/gather", secondsGather});
            const auto ts = std::chrono::steady_clock::now();
            if (m_store) m_store->writeStep(r.record);
            lastStoreSeconds = since(ts);
            report(RunPhase::Step, step, t0, start, r.record);
            if ((ckptEvery > 0 && step % ckptEvery == 0) || step == m_total) checkpoint(step);
        }
        if (m_store) m_store->setStatus(m_runId, store::RunStatus::Finished);
        if (m_opt.onProgress)
            m_opt.onProgress({RunPhase::Done, m_runId, m_total, m_total, since(t0), 0.0, json::object(), "finished"});
        return kTrainOk;
    }

    int64_t runId() const { return m_runId; }
    store::RunStore& db() { return *m_store; }  // rank 0 only
    dist::Communicator& comm() { return *m_ctx.comm; }
    // Marks the run failed (rank 0; the other ranks hold no database).
    void fail(const std::string& message) {
        if (m_store) m_store->setStatus(m_runId, store::RunStatus::Failed, message);
    }

private:
    model::Transformer& builtinPolicy() { return static_cast<model::TransformerPolicy&>(*m_ctx.policy).model(); }
    model::hf::LlamaFamilyImpl& hfPolicy() { return static_cast<model::hf::LlamaFamilyImpl&>(*m_ctx.policy); }

    // model.init = hf: the folder's weights as fp32 master weights (model.dtype bf16: bf16 arithmetic
    // on them, cast per use), its tokenizer and chat format. Every tensor is checked while loading.
    void setUpHfPolicy(const ModelSettings& m) {
        TrainContext& c = m_ctx;
        model::hf::LlamaFamily hf{nullptr};
        try {
            hf = model::hf::loadHfModel(m.path, c.device, torch::kFloat);
        } catch (const std::invalid_argument& e) {  // a missing, extra or misshaped tensor: named by file and tensor
            throw std::invalid_argument(std::string("model.path: ") + e.what());
        }
        hf->setComputeDtype(m.dtype == ModelDtype::Bf16 ? torch::kBFloat16 : torch::kFloat);
        hf->setGradientCheckpointing(m.gradientCheckpointing);
        hf->setHiddenLayer(m.embeddingLayer);
        c.policy = hf.ptr();
        c.codec = model::makeHfCodec(m.path, toString(m.chatFormat), m.systemPrompt);
    }

    void loadCheckpoint(const std::string& path) {
        if (m_ctx.hf) model::hf::loadHfCheckpoint(path, hfPolicy(), m_ctx.optimizer.get(), /*restoreRng=*/true);
        else model::loadCheckpoint(path, builtinPolicy(), m_ctx.tokenizer, m_ctx.optimizer.get(), /*restoreRng=*/true);
    }

    void applyRetention() {
        if (!m_store) return;
        const StorageSettings& st = m_ctx.cfg.storage;
        m_store->setRolloutRetention(st.rollouts == RolloutStorage::None     ? store::RolloutRetention::none()
                                     : st.rollouts == RolloutStorage::EveryN ? store::RolloutRetention::everyNth(st.rolloutsEvery)
                                                                             : store::RolloutRetention::everyStep());
    }

    std::string runDir(int64_t id) const { return m_opt.dbPath + ".runs/run-" + std::to_string(id); }

    // Debug (distributed.check_every): every rank must still hold the same parameters.
    void checkReplicas(int64_t step) {
        const int64_t every = m_ctx.cfg.distributed.checkEvery;
        if (!m_ctx.comm->distributed() || every <= 0 || step % every != 0) return;
        const std::string differs = dist::compareReplicas(*m_ctx.comm, m_ctx.policy->module().parameters());
        if (!differs.empty())
            throw dist::CommError("distributed: the ranks' parameters differ after step " + std::to_string(step) + ": " +
                                  differs);
    }

    void addEval(store::StepRecord& rec, int64_t step) {
        if (m_store) m_store->heartbeat(m_runId);
        EvalResult e = evaluate(m_ctx, step);
        rec.evals = std::move(e.values);
        rec.evalSamples = std::move(e.samples);
    }

    void checkpoint(int64_t step) {
        if (step <= m_lastCheckpoint) return;
        if (!m_store) {  // rank 0 writes the checkpoints
            m_lastCheckpoint = step;
            return;
        }
        const std::string dir = runDir(m_runId) + "/step-" + std::to_string(step);
        if (m_ctx.hf) {  // a Hugging Face folder (fp32 master weights) + optimizer: export-model reads it
            model::hf::saveHfCheckpoint(dir, hfPolicy(), m_ctx.cfg.model.path, m_ctx.optimizer.get(), step);
        } else {
            model::CheckpointInfo info;
            info.model = builtinPolicy()->config();
            info.tokenizer = m_ctx.tokenizer;
            info.step = step;
            info.extra = {{"run_id", m_runId}, {"reference", m_parent}};
            model::saveCheckpoint(dir, builtinPolicy(), m_ctx.tokenizer, m_ctx.optimizer.get(), info);
        }
        m_store->addCheckpoint(m_runId, step, dir);
        m_lastCheckpoint = step;
        // Keep the most recent checkpoint.keep directories.
        const auto all = m_store->checkpoints(m_runId);
        const int64_t keep = m_ctx.cfg.checkpoint.keep;
        for (size_t i = 0; i + keep < all.size(); ++i) fs::remove_all(all[i].path);
    }

    int interrupt(int64_t lastDone) {
        if (lastDone > 0) checkpoint(lastDone);
        const std::string msg = "interrupted after step " + std::to_string(lastDone);
        if (m_store) m_store->appendLog(m_runId, "info", msg);
        if (m_store) m_store->setStatus(m_runId, store::RunStatus::Interrupted, msg);
        if (m_opt.onProgress)
            m_opt.onProgress({RunPhase::Interrupted, m_runId, lastDone, m_total, 0.0, 0.0, json::object(), msg});
        return kTrainInterrupted;
    }

    void report(RunPhase phase, int64_t step, std::chrono::steady_clock::time_point t0, int64_t start,
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
    store::RunStore::Mode m_mode;
    std::optional<store::RunStore> m_store;  // rank 0 only
    store::RunClaim m_claim;
    TrainContext m_ctx;
    std::string m_parent;
    int64_t m_runId = 0, m_total = 0, m_lastCheckpoint = 0;
    bool m_needBaseline = false;  // evaluate the initial policy as step 0
};

}  // namespace

namespace {

// model.init = hf, before anything is loaded or written: the folder, config.json (an architecture this
// build implements), the weight files (headers parse; every tensor's shape is checked while loading,
// still before the database is written), the tokenizer with the chosen chat format, the embedding layer.
void checkHfFolder(const ModelSettings& m) {
    auto bad = [](const std::string& field, const std::string& message) { throw std::invalid_argument(field + ": " + message); };
    if (!fs::is_directory(m.path)) bad("model.path", m.path + " is not a folder");
    model::hf::HfConfig hc;
    try {
        hc = model::hf::loadHfConfig(m.path);
        for (const std::string& file : model::hf::hfWeightFiles(m.path)) model::hf::SafetensorsFile header(file);
    } catch (const std::invalid_argument& e) {  // HfConfigError, HfModelError, SafetensorsError
        bad("model.path", e.what());
    }
    try {
        model::makeHfCodec(m.path, toString(m.chatFormat), m.systemPrompt);
    } catch (const std::exception& e) {
        bad(m.chatFormat == ChatFormatChoice::Auto ? "model.path" : "model.chat_format", e.what());
    }
    if (m.embeddingLayer > hc.layers)
        bad("model.embedding_layer", std::to_string(m.embeddingLayer) + " exceeds the model's " + std::to_string(hc.layers) +
                                         " layers (" + m.path + "/config.json)");
}

}  // namespace

// Everything about a new run that can be checked before the first write (the database, the SFT
// warm-up's cache and the run row come after): the database is ours or absent, the device exists,
// the initial checkpoint or SFT config reads, the task families generate train and test tasks.
// Throws store::DatabaseRefusedError or std::invalid_argument naming the setting.
void preflight(const RunConfig& config, const TrainerOptions& opt) {
    store::RunStore::checkUsable(opt.dbPath, store::RunStore::Mode::Write);
    if (config.name.find_first_not_of(" \t") == std::string::npos) throw std::invalid_argument("name: must not be empty");
    resolveDevice(config.device);  // std::invalid_argument naming `device`
    if (config.model.init == ModelInit::Checkpoint) {
        try {
            model::readCheckpointInfo(config.model.checkpoint);
        } catch (const std::runtime_error& e) {
            throw std::invalid_argument(std::string("model.checkpoint: ") + e.what());
        }
    } else if (config.model.init == ModelInit::Sft && !config.model.sftConfig.empty()) {
        readJsonFile(config.model.sftConfig, "model.sft_config");
    } else if (config.model.init == ModelInit::Hf) {
        checkHfFolder(config.model);
    }
    std::unique_ptr<tasks::TaskSuite> built;
    try {
        built = std::make_unique<tasks::TaskSuite>(
            json{{"families", config.tasks.families}, {"format_reward", config.tasks.formatReward}});
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(std::string("tasks.") + e.what());
    }
    const tasks::TaskSuite& suite = *built;
    for (const std::string& name : suite.familyNames()) {
        try {  // an imported family without its data, or options no instance satisfies
            for (tasks::Split split : {tasks::Split::Train, tasks::Split::Test})
                suite.family(name).generate(split, config.seed, 0);
        } catch (const std::invalid_argument&) {
            throw;
        } catch (const std::exception& e) {
            const std::string what = e.what();  // the family's own message usually names it already
            throw std::invalid_argument("tasks.families: " + (what.rfind(name + ":", 0) == 0 ? what : name + ": " + what));
        }
    }
}

int runTraining(const RunConfig& config, const TrainerOptions& opt, int64_t* runIdOut) {
    preflight(config, opt);
    dist::checkPromptSplit(config.sampling.promptsPerStep, opt.dist.worldSize);
    auto comm = dist::connect(opt.dist);
    dist::startRunGroup(*comm, opt.dist, config.device, config.distributed.backend, config.distributed.timeoutSeconds);
    // Rank 0 trains a missing SFT warm-up (the other ranks wait for it) and names the initial policy.
    const std::string kInterrupted = "\x01interrupted";
    const std::string parent = dist::fromRoot(*comm, "initial-policy", [&] {
        bool interrupted = false;
        const std::string p = prepareInitialPolicy(config, opt, &interrupted);
        return interrupted ? kInterrupted : p;
    });
    if (parent == kInterrupted) return kTrainInterrupted;
    Run run(opt, store::RunStore::Mode::Write, std::move(comm));
    run.setUp(config, parent);  // loads (and checks) the policy before the database is written
    run.open();
    const int64_t id = run.create(config);
    if (runIdOut) *runIdOut = id;
    try {
        return run.loop(1);
    } catch (const std::exception& e) {
        run.fail(e.what());
        throw;
    }
}

int runTraining(const json& config, const TrainerOptions& opt, int64_t* runIdOut) {
    return runTraining(resolveRunConfig(config), opt, runIdOut);  // throws with every problem before anything is written
}

int resumeTraining(int64_t runId, const TrainerOptions& opt) {
    Run run(opt, store::RunStore::Mode::Update, dist::connect(opt.dist));
    run.open();
    // Rank 0 claims the run and tells the other ranks its config and initial policy.
    const json stored = json::parse(dist::fromRoot(run.comm(), "resume", [&] {
        run.claimForResume(runId);  // throws store::RunBusyError while another process owns the run
        const store::RunInfo info = run.db().runInfo(runId);
        return json{{"config", json::parse(info.configJson)}, {"parent", info.parentCheckpoint}}.dump();
    }));
    const RunConfig config = resolveRunConfig(stored.at("config"));
    // Another world size is fine when B still splits into whole groups: the step does not depend on it.
    dist::checkPromptSplit(config.sampling.promptsPerStep, opt.dist.worldSize);
    dist::startRunGroup(run.comm(), opt.dist, config.device, config.distributed.backend, config.distributed.timeoutSeconds);
    run.setUp(config, stored.at("parent").get<std::string>());
    const int64_t start = run.restore(runId);
    try {
        return run.loop(start);
    } catch (const std::exception& e) {
        run.fail(e.what());
        throw;
    }
}

}  // namespace gcpo::rl
