// resolveRunConfig: the field table's JSON resolved once into the typed RunConfig, and back.
#include "rl/run_config.h"

#include <functional>
#include <stdexcept>
#include <unordered_map>

#include "util/json_path.h"

namespace gcpo::rl {

using nlohmann::json;

void to_json(json& j, Algorithm a) { j = toString(a); }
void from_json(const json& j, Algorithm& a) { a = algorithmFromString(j.get<std::string>()); }

namespace {

// One field of the table bound to its member of RunConfig, both ways.
struct Binding {
    std::function<void(RunConfig&, const json&)> read;
    std::function<json(const RunConfig&)> write;
};

template <class T>
Binding member(T RunConfig::*m) {
    return {[m](RunConfig& c, const json& v) { c.*m = v.get<T>(); }, [m](const RunConfig& c) { return json(c.*m); }};
}

template <class S, class T>
Binding member(S RunConfig::*section, T S::*m) {
    return {[section, m](RunConfig& c, const json& v) { (c.*section).*m = v.get<T>(); },
            [section, m](const RunConfig& c) { return json((c.*section).*m); }};
}

const std::unordered_map<std::string, Binding>& bindings() {
    using C = RunConfig;
    static const std::unordered_map<std::string, Binding> table = {
        {"name", member(&C::name)},
        {"algorithm", member(&C::algorithm)},
        {"seed", member(&C::seed)},
        {"device", member(&C::device)},
        {"threads", member(&C::threads)},
        {"steps", member(&C::steps)},
        {"tasks.families", member(&C::tasks, &TaskSettings::families)},
        {"tasks.format_reward", member(&C::tasks, &TaskSettings::formatReward)},
        {"model.init", member(&C::model, &ModelSettings::init)},
        {"model.sft_config", member(&C::model, &ModelSettings::sftConfig)},
        {"model.checkpoint", member(&C::model, &ModelSettings::checkpoint)},
        {"model.path", member(&C::model, &ModelSettings::path)},
        {"model.dtype", member(&C::model, &ModelSettings::dtype)},
        {"model.chat_format", member(&C::model, &ModelSettings::chatFormat)},
        {"model.system_prompt", member(&C::model, &ModelSettings::systemPrompt)},
        {"model.gradient_checkpointing", member(&C::model, &ModelSettings::gradientCheckpointing)},
        {"model.embedding_layer", member(&C::model, &ModelSettings::embeddingLayer)},
        {"sampling.prompts_per_step", member(&C::sampling, &SamplingSettings::promptsPerStep)},
        {"sampling.group_size", member(&C::sampling, &SamplingSettings::groupSize)},
        {"sampling.temperature", member(&C::sampling, &SamplingSettings::temperature)},
        {"sampling.top_k", member(&C::sampling, &SamplingSettings::topK)},
        {"sampling.top_p", member(&C::sampling, &SamplingSettings::topP)},
        {"sampling.max_new_tokens", member(&C::sampling, &SamplingSettings::maxNewTokens)},
        {"algo.epochs", member(&C::algo, &AlgoSettings::epochs)},
        {"algo.clip_low", member(&C::algo, &AlgoSettings::clipLow)},
        {"algo.clip_high", member(&C::algo, &AlgoSettings::clipHigh)},
        {"algo.loss_agg", member(&C::algo, &AlgoSettings::lossAgg)},
        {"algo.kl_coef", member(&C::algo, &AlgoSettings::klCoef)},
        {"algo.kl_estimator", member(&C::algo, &AlgoSettings::klEstimator)},
        {"algo.entropy_coef", member(&C::algo, &AlgoSettings::entropyCoef)},
        {"algo.scale_by_std", member(&C::algo, &AlgoSettings::scaleByStd)},
        {"algo.filter_zero_std", member(&C::algo, &AlgoSettings::filterZeroStd)},
        {"algo.diversity_coef", member(&C::algo, &AlgoSettings::diversityCoef)},
        {"gcpo.embedding", member(&C::gcpo, &GcpoSettings::embedding)},
        {"gcpo.ngram_dim", member(&C::gcpo, &GcpoSettings::ngramDim)},
        {"gcpo.kernel", member(&C::gcpo, &GcpoSettings::kernel)},
        {"gcpo.rbf_gamma", member(&C::gcpo, &GcpoSettings::rbfGamma)},
        {"gcpo.volume_scale", member(&C::gcpo, &GcpoSettings::volumeScale)},
        {"gcpo.estimator", member(&C::gcpo, &GcpoSettings::estimator)},
        {"gcpo.samples", member(&C::gcpo, &GcpoSettings::samples)},
        {"gcpo.monitor", member(&C::gcpo, &GcpoSettings::monitor)},
        {"gcpo.accuracy_weight", member(&C::gcpo, &GcpoSettings::accuracyWeight)},
        {"gcpo.game_reward", member(&C::gcpo, &GcpoSettings::gameReward)},
        {"optim.lr", member(&C::optim, &OptimSettings::lr)},
        {"optim.weight_decay", member(&C::optim, &OptimSettings::weightDecay)},
        {"optim.beta1", member(&C::optim, &OptimSettings::beta1)},
        {"optim.beta2", member(&C::optim, &OptimSettings::beta2)},
        {"optim.grad_clip", member(&C::optim, &OptimSettings::gradClip)},
        {"optim.warmup_steps", member(&C::optim, &OptimSettings::warmupSteps)},
        {"optim.schedule", member(&C::optim, &OptimSettings::schedule)},
        {"optim.micro_batch", member(&C::optim, &OptimSettings::microBatch)},
        {"eval.every", member(&C::eval, &EvalSettings::every)},
        {"eval.prompts", member(&C::eval, &EvalSettings::prompts)},
        {"eval.samples", member(&C::eval, &EvalSettings::samples)},
        {"eval.k", member(&C::eval, &EvalSettings::k)},
        {"eval.temperature", member(&C::eval, &EvalSettings::temperature)},
        {"storage.rollouts", member(&C::storage, &StorageSettings::rollouts)},
        {"storage.rollouts_every", member(&C::storage, &StorageSettings::rolloutsEvery)},
        {"checkpoint.every", member(&C::checkpoint, &CheckpointSettings::every)},
        {"checkpoint.keep", member(&C::checkpoint, &CheckpointSettings::keep)},
        {"distributed.backend", member(&C::distributed, &DistributedSettings::backend)},
        {"distributed.timeout_s", member(&C::distributed, &DistributedSettings::timeoutSeconds)},
        {"distributed.check_every", member(&C::distributed, &DistributedSettings::checkEvery)},
    };
    return table;
}

const Binding& bindingOf(const ConfigField& field) {
    const auto it = bindings().find(field.path);
    if (it == bindings().end()) throw std::logic_error("run config: field " + field.path + " has no RunConfig member");
    return it->second;
}

// The settings creditConfig reads.
const char* const kCreditPaths[] = {"gcpo.kernel",  "gcpo.rbf_gamma",       "gcpo.volume_scale", "gcpo.estimator",
                                    "gcpo.samples", "gcpo.accuracy_weight", "algo.scale_by_std", "seed"};

}  // namespace

RunConfig resolveRunConfig(const json& config, const std::vector<std::string>& overrides) {
    json merged = config;
    std::vector<ConfigIssue> issues;
    for (const auto& assignment : overrides) {
        ConfigIssue issue;
        if (!applyOverride(merged, assignment, &issue)) issues.push_back(std::move(issue));
    }
    for (auto& issue : validateConfig(merged)) issues.push_back(std::move(issue));
    if (!issues.empty()) throw std::invalid_argument(describeIssues(issues));
    const json full = withDefaults(merged);
    RunConfig out;
    for (const ConfigField& field : configFields()) {
        const json* value = util::findPath(full, field.path);
        if (!value) throw std::logic_error("run config: " + field.path + " missing after merging the defaults");
        bindingOf(field).read(out, *value);
    }
    return out;
}

RunConfig defaultRunConfig() { return resolveRunConfig(json::object()); }

json toJson(const RunConfig& config) {
    json out = json::object();
    for (const ConfigField& field : configFields()) util::setPath(out, field.path, bindingOf(field).write(config));
    return out;
}

CreditConfig creditConfig(const RunConfig& c) {
    CreditConfig cc;
    cc.kernel = c.gcpo.kernel;
    cc.rbfGamma = c.gcpo.rbfGamma;
    cc.volumeScale = c.gcpo.volumeScale;
    cc.estimator = c.gcpo.estimator;
    cc.samples = c.gcpo.samples;
    cc.accuracyWeight = c.gcpo.accuracyWeight;
    cc.scaleByStd = c.algo.scaleByStd;
    cc.seed = c.seed;
    return cc;
}

CreditConfig creditConfigFromRunJson(const json& config) {
    if (!config.is_object()) throw std::invalid_argument("a run config must be a JSON object");
    json credit = json::object();
    for (const char* path : kCreditPaths)
        if (const json* v = util::findPath(config, path)) util::setPath(credit, path, *v);
    return creditConfig(resolveRunConfig(credit));
}

LrSchedule lrSchedule(const RunConfig& c) {
    LrSchedule s;
    s.peak = c.optim.lr;
    s.warmupSteps = c.optim.warmupSteps;
    s.totalSteps = c.steps;
    s.cosine = c.optim.schedule == LrScheduleKind::Cosine;
    s.minRatio = 0.1;
    return s;
}

std::string toString(LossAggregation a) { return json(a).get<std::string>(); }
std::string toString(KlEstimator k) { return json(k).get<std::string>(); }
std::string toString(EmbeddingBackend e) { return json(e).get<std::string>(); }
std::string toString(GameReward g) { return json(g).get<std::string>(); }
std::string toString(ChatFormatChoice c) { return json(c).get<std::string>(); }

}  // namespace gcpo::rl
