// The RL run configuration table, defaults, validation with key paths, and --set overrides.
#include "rl/train_config.h"

#include <cmath>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "rl/algorithms.h"
#include "rl/credit.h"
#include "tasks/task_suite.h"
#include "util/json_path.h"
#include "util/json_guard.h"

namespace gcpo::rl {

using nlohmann::json;

namespace {

std::string algorithmHelp() {
    std::string help = "Advantage estimator: ";
    for (size_t i = 0; i < algorithms().size(); ++i) help += (i ? ", " : "") + std::string(algorithms()[i].help);
    return help + ".";
}

ConfigField f(std::string path, FieldType t, json def, double mn, double mx, std::string group, std::string label,
              std::string help, std::vector<std::string> choices = {}) {
    return ConfigField{std::move(path), t, std::move(def), mn, mx, std::move(choices), std::move(group), std::move(label),
                       std::move(help)};
}

std::vector<ConfigField> makeFields() {
    using T = FieldType;
    const json families =
        json::array({{{"name", "countdown"}, {"weight", 1.0}}, {{"name", "sum-decomposition"}, {"weight", 1.0}}});
    return {
        f("name", T::String, "run", 0, 0, "run", "Run name", "A name for the run, shown in the runs browser."),
        f("algorithm", T::Choice, "gcpo", 0, 0, "algorithm", "Algorithm", algorithmHelp(), algorithmNames()),
        f("seed", T::Int, 0, 0, 2147483647.0, "run", "Seed", "Seeds prompt order, sampling and initialisation."),
        f("device", T::String, "auto", 0, 0, "run", "Device", "auto (CUDA when available), cpu, cuda or cuda:N."),
        f("threads", T::Int, 0, 0, 256, "run", "CPU threads",
          "LibTorch intra-op threads; 0 = automatic: the CPUs free now, shared among the runs."),
        f("steps", T::Int, 60, 1, 10000000, "run", "Steps", "Number of RL steps."),

        f("tasks.families", T::Object, families, 0, 0, "task", "Task families",
          "List of {name, weight, options} task families mixed in each batch."),
        f("tasks.format_reward", T::Double, 0.1, 0, 1, "task", "Format reward",
          "Reward of a well-formatted but wrong answer (0 disables)."),

        f("model.init", T::Choice, "sft", 0, 0, "model", "Initial policy",
          "sft: the SFT warm-up of model.sft_config (trained once and cached beside the database); "
          "checkpoint: model.checkpoint; scratch: random initialisation; hf: the Hugging Face model folder model.path.",
          {"sft", "checkpoint", "scratch", "hf"}),
        f("model.sft_config", T::String, "", 0, 0, "model", "SFT config",
          "SFT warm-up config file (empty: the built-in demo config)."),
        f("model.checkpoint", T::String, "", 0, 0, "model", "Checkpoint",
          "Checkpoint directory used when model.init is checkpoint."),
        f("model.path", T::String, "", 0, 0, "model", "Hugging Face folder",
          "Model folder (config.json, model.safetensors or its sharded index, tokenizer.json) used when model.init is hf."),
        f("model.dtype", T::Choice, "fp32", 0, 0, "model", "Precision",
          "fp32; or bf16 (hf only): bf16 arithmetic on fp32 master weights with fp32 gradients and AdamW states, "
          "bf16 frozen reference.",
          {"fp32", "bf16"}),
        f("model.chat_format", T::Choice, "auto", 0, 0, "model", "Chat format",
          "How task prompts are wrapped for an hf model: auto (from tokenizer_config.json's chat template), chatml, "
          "llama3 or plain.",
          {"auto", "chatml", "llama3", "plain"}),
        f("model.system_prompt", T::String, "", 0, 0, "model", "System prompt",
          "System message of the chat format for an hf model (empty: the template's default)."),
        f("model.gradient_checkpointing", T::Bool, false, 0, 0, "model", "Gradient checkpointing",
          "Recompute each decoder layer in the backward pass instead of storing its activations (hf only)."),
        f("model.embedding_layer", T::Int, -1, -1, 100000, "model", "Embedding layer",
          "Hidden states GCPO embeds for an hf policy: -1 = after the final norm, 0 = token embeddings, "
          "i = after decoder layer i."),

        f("sampling.prompts_per_step", T::Int, 8, 1, 4096, "sampling", "Prompts per step (B)", "Prompts sampled per RL step."),
        f("sampling.group_size", T::Int, 8, 1, 512, "sampling", "Group size (G)", "Rollouts generated per prompt."),
        f("sampling.temperature", T::Double, 1.0, 0.05, 5.0, "sampling", "Temperature", "Sampling temperature for rollouts."),
        f("sampling.top_k", T::Int, 0, 0, 100000, "sampling", "Top-k", "Keep only the k most likely tokens (0: off)."),
        f("sampling.top_p", T::Double, 1.0, 0.01, 1.0, "sampling", "Top-p", "Nucleus sampling mass (1: off)."),
        f("sampling.max_new_tokens", T::Int, 40, 1, 8192, "sampling", "Max new tokens", "Longest completion."),

        f("algo.epochs", T::Int, 1, 1, 64, "algorithm", "Inner epochs (μ)", "Optimisation passes over each step's rollouts."),
        f("algo.clip_low", T::Double, 0.2, 0.0, 1.0, "algorithm", "Clip ε low", "Lower clip range of the importance ratio."),
        f("algo.clip_high", T::Double, 0.2, 0.0, 10.0, "algorithm", "Clip ε high",
          "Upper clip range (DAPO clip-higher uses 0.28)."),
        f("algo.loss_agg", T::Choice, "seq-mean-token-mean", 0, 0, "algorithm", "Loss aggregation",
          "token-mean (DAPO), seq-mean-token-mean (GRPO) or seq-mean-token-sum-norm (Dr. GRPO).",
          {"token-mean", "seq-mean-token-mean", "seq-mean-token-sum-norm"}),
        f("algo.kl_coef", T::Double, 0.0, 0.0, 100.0, "algorithm", "KL coefficient (β)",
          "Weight of the KL penalty to the frozen reference policy; 0 loads no reference for the loss."),
        f("algo.kl_estimator", T::Choice, "k3", 0, 0, "algorithm", "KL estimator", "k1, k2 or k3 (Schulman).",
          {"k1", "k2", "k3"}),
        f("algo.entropy_coef", T::Double, 0.0, 0.0, 10.0, "algorithm", "Entropy bonus",
          "Coefficient of the token-entropy bonus."),
        f("algo.scale_by_std", T::Bool, true, 0, 0, "algorithm", "Scale by std",
          "Divide group-centred advantages by the group's standard deviation (false: Dr. GRPO)."),
        f("algo.filter_zero_std", T::Bool, false, 0, 0, "algorithm", "Filter zero-variance groups",
          "Drop groups whose rewards are all equal from the loss (DAPO dynamic sampling)."),
        f("algo.diversity_coef", T::Double, 0.1, 0.0, 100.0, "algorithm", "Diversity bonus",
          "grpo_diversity_bonus: reward + coefficient x leave-one-out log-det diversity."),

        f("gcpo.embedding", T::Choice, "policy-hidden", 0, 0, "algorithm", "Embedding backend",
          "policy-hidden: mean-pooled final hidden states of the policy that sampled the completion; "
          "policy-hidden-centred: the same, centred on the group's mean, then L2-normalised; ngram-hash: "
          "hashed character 1-3-gram counts of the completion, L2-normalised; canonical-answer: a unit vector "
          "seeded by the verifier's canonical form of the answer (equal for answers the verifier counts as one "
          "solution, near-orthogonal otherwise; one shared vector for completions without a parseable answer).",
          {"policy-hidden", "ngram-hash", "canonical-answer", "policy-hidden-centred"}),
        f("gcpo.ngram_dim", T::Int, 512, 8, 65536, "algorithm", "n-gram hash size",
          "Dimension of the ngram-hash and canonical-answer embeddings."),
        f("gcpo.kernel", T::Choice, "cosine", 0, 0, "algorithm", "Kernel", "cosine or rbf kernel on embeddings.",
          {"cosine", "rbf"}),
        f("gcpo.rbf_gamma", T::Double, 1.0, 1e-9, 1e9, "algorithm", "RBF γ", "RBF kernel width exp(-γ||a-b||²)."),
        f("gcpo.volume_scale", T::Double, 1.0, 1e-9, 1e9, "algorithm", "Volume scale (β)", "Coverage v(S) = log det(I + β L_S)."),
        f("gcpo.estimator", T::Choice, "exact", 0, 0, "algorithm", "Credit estimator",
          "exact Shapley (G <= 20), permutation (Monte Carlo), leave_one_out (approximation).",
          {"exact", "permutation", "leave_one_out"}),
        f("gcpo.samples", T::Int, 256, 1, 1000000, "algorithm", "Permutation samples",
          "Orderings for the permutation estimator."),
        f("gcpo.monitor", T::Bool, true, 0, 0, "algorithm", "Coverage for every algorithm",
          "Also embed rollouts and compute team coverage and credit (not used by the loss) for "
          "non-GCPO algorithms, so runs can be compared on coverage."),
        f("gcpo.accuracy_weight", T::Double, 0.0, 0.0, 1.0, "algorithm", "Accuracy weight (w)",
          "A = (1-w) norm(credit) + w norm(reward)."),
        f("gcpo.game_reward", T::Choice, "shaped", 0, 0, "algorithm", "Game reward",
          "What weighs each rollout in the coverage game. shaped: the reward (a well-formatted wrong answer "
          "adds tasks.format_reward of volume); correct: the verifier's correctness (0/1), with the format "
          "shaping added as its own GRPO-style term.",
          {"shaped", "correct"}),

        f("optim.lr", T::Double, 2e-4, 1e-9, 1.0, "optimisation", "Learning rate", "AdamW peak learning rate."),
        f("optim.weight_decay", T::Double, 0.0, 0.0, 1.0, "optimisation", "Weight decay", "AdamW decoupled weight decay."),
        f("optim.beta1", T::Double, 0.9, 0.0, 0.9999, "optimisation", "Adam β1", "AdamW first-moment decay."),
        f("optim.beta2", T::Double, 0.99, 0.0, 0.99999, "optimisation", "Adam β2", "AdamW second-moment decay."),
        f("optim.grad_clip", T::Double, 1.0, 0.0, 1e6, "optimisation", "Gradient clip", "Max global gradient norm (0: off)."),
        f("optim.warmup_steps", T::Int, 0, 0, 10000000, "optimisation", "Warm-up steps", "Linear learning-rate warm-up."),
        f("optim.schedule", T::Choice, "constant", 0, 0, "optimisation", "LR schedule", "constant or cosine decay after warm-up.",
          {"constant", "cosine"}),
        f("optim.micro_batch", T::Int, 0, 0, 1000000, "optimisation", "Micro-batch",
          "Rollouts per forward/backward (gradients accumulated); 0: all at once."),

        f("eval.every", T::Int, 10, 0, 10000000, "evaluation", "Evaluate every", "Evaluate every N steps (0: never)."),
        f("eval.prompts", T::Int, 32, 1, 100000, "evaluation", "Eval prompts", "Held-out prompts per evaluation."),
        f("eval.samples", T::Int, 16, 1, 4096, "evaluation", "Samples per prompt (n)", "Samples per held-out prompt."),
        f("eval.k", T::IntList, json::array({1, 2, 4, 8, 16}), 1, 4096, "evaluation", "pass@k values",
          "k values for pass@k (k <= n)."),
        f("eval.temperature", T::Double, 1.0, 0.05, 5.0, "evaluation", "Eval temperature",
          "Sampling temperature for evaluation."),

        f("storage.rollouts", T::Choice, "every", 0, 0, "storage", "Store rollouts",
          "every step, every_n steps (storage.rollouts_every), or none.", {"every", "every_n", "none"}),
        f("storage.rollouts_every", T::Int, 10, 1, 10000000, "storage", "Rollouts every N",
          "Used with storage.rollouts = every_n."),
        f("checkpoint.every", T::Int, 20, 0, 10000000, "storage", "Checkpoint every",
          "Checkpoint every N steps (0: only at the end)."),
        f("checkpoint.keep", T::Int, 3, 1, 1000, "storage", "Checkpoints kept", "Most recent checkpoints kept on disk."),
        f("distributed.backend", T::Choice, "auto", 0, 0, "run", "Distributed backend",
          "Data-parallel runs (torchrun, Slurm, gcpo-train launch): auto (NCCL on CUDA, else Gloo), nccl or gloo.",
          {"auto", "nccl", "gloo"}),
        f("distributed.timeout_s", T::Double, 0.0, 0, 86400, "run", "Distributed timeout (s)",
          "A collective waiting longer fails the run (a dead or hung rank); 0: 600 s on NCCL, 120 s on Gloo."),
        f("distributed.check_every", T::Int, 0, 0, 10000000, "run", "Replica check every",
          "Every N steps, compare a checksum of the parameters across ranks (debug; 0: never)."),
    };
}

std::string kind(FieldType t) {
    switch (t) {
    case FieldType::Int: return "an integer";
    case FieldType::Double: return "a number";
    case FieldType::Bool: return "true or false";
    case FieldType::String: return "a string";
    case FieldType::Choice: return "one of the listed names";
    case FieldType::IntList: return "a list of integers";
    case FieldType::Object: return "a list or object";
    }
    return "a value";
}

void checkValue(const ConfigField& fd, const json& v, std::vector<ConfigIssue>& out) {
    auto issue = [&](const std::string& m) { out.push_back({fd.path, m}); };
    auto range = [&](double x) {
        if (fd.min < fd.max && (x < fd.min || x > fd.max)) {
            std::ostringstream os;
            os << "value " << x << " out of range [" << fd.min << ", " << fd.max << "]";
            issue(os.str());
        }
    };
    switch (fd.type) {
    case FieldType::Int:
        if (!v.is_number_integer()) return issue("expected " + kind(fd.type) + ", got " + util::describeJson(v));
        // An unsigned value above 2^63 - 1 must not wrap to a negative one in the message.
        range(v.is_number_unsigned() ? static_cast<double>(v.get<uint64_t>()) : static_cast<double>(v.get<long long>()));
        break;
    case FieldType::Double:
        if (!v.is_number() || !std::isfinite(v.get<double>()))
            return issue("expected " + kind(fd.type) + ", got " + util::describeJson(v));
        range(v.get<double>());
        break;
    case FieldType::Bool:
        if (!v.is_boolean()) issue("expected true or false, got " + util::describeJson(v));
        break;
    case FieldType::String:
        if (!v.is_string()) issue("expected a string, got " + util::describeJson(v));
        break;
    case FieldType::Choice: {
        bool ok = v.is_string();
        if (ok) {
            ok = false;
            for (const auto& c : fd.choices) ok = ok || v.get<std::string>() == c;
        }
        if (!ok) {
            std::string list;
            for (const auto& c : fd.choices) list += (list.empty() ? "" : ", ") + c;
            issue("expected one of " + list + ", got " + util::describeJson(v));
        }
        break;
    }
    case FieldType::IntList:
        if (!v.is_array() || v.empty()) return issue("expected a non-empty list of integers, got " + util::describeJson(v));
        for (const auto& x : v) {
            if (!x.is_number_integer()) return issue("expected integers, got " + util::describeJson(x));
            range(static_cast<double>(x.get<long long>()));
        }
        break;
    case FieldType::Object:
        if (!v.is_array() && !v.is_object()) issue("expected a list or an object, got " + util::describeJson(v));
        break;
    }
}

void findUnknown(const json& j, const std::string& prefix, std::vector<ConfigIssue>& out) {
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string path = prefix.empty() ? it.key() : prefix + "." + it.key();
        if (findField(path)) continue;
        bool isSection = false;
        for (const auto& fd : configFields()) isSection = isSection || fd.path.rfind(path + ".", 0) == 0;
        if (isSection && it->is_object()) findUnknown(*it, path, out);
        else if (isSection) out.push_back({path, "expected an object (a section of settings)"});
        else out.push_back({path, "unknown key"});
    }
}

}  // namespace

const std::vector<ConfigField>& configFields() {
    static const std::vector<ConfigField> fields = makeFields();
    return fields;
}

const ConfigField* findField(const std::string& path) {
    for (const auto& fd : configFields())
        if (fd.path == path) return &fd;
    return nullptr;
}

json defaultConfig() {
    json j = json::object();
    for (const auto& fd : configFields()) util::setPath(j, fd.path, fd.defaultValue);
    return j;
}

json mergeConfig(const json& base, const json& over) {
    if (!base.is_object() || !over.is_object()) return over;
    json out = base;
    for (auto it = over.begin(); it != over.end(); ++it) {
        if (out.contains(it.key()) && out[it.key()].is_object() && it->is_object() && !findField(it.key()))
            out[it.key()] = mergeConfig(out[it.key()], *it);
        else out[it.key()] = *it;
    }
    return out;
}

json withDefaults(const json& config) {
    json implied = json::object();
    if (config.is_object() && config.contains("algorithm") && config["algorithm"].is_string())
        if (const AlgorithmInfo* a = findAlgorithm(config["algorithm"].get<std::string>())) implied = a->implied;
    return mergeConfig(mergeConfig(defaultConfig(), implied), config);
}

std::vector<ConfigIssue> validateConfig(const json& config) {
    std::vector<ConfigIssue> out;
    if (!config.is_object()) return {{"", "a run config must be a JSON object"}};
    findUnknown(config, "", out);
    if (!out.empty()) return out;
    const json full = withDefaults(config);
    for (const auto& fd : configFields()) {
        const json* v = util::findPath(full, fd.path);
        if (!v) continue;
        checkValue(fd, *v, out);
    }
    // Cross-field rules, on the fields that are individually valid (so every problem is listed).
    auto valid = [&](const std::string& path) {
        for (const auto& i : out)
            if (i.path == path) return false;
        return true;
    };
    if (valid("sampling.group_size")) {
        const int g = full["sampling"]["group_size"].get<int>();
        if (g < 2)
            out.push_back(
                {"sampling.group_size", "group algorithms need at least 2 rollouts per prompt, got " + std::to_string(g)});
        const AlgorithmInfo* algorithm = valid("algorithm") ? findAlgorithm(full["algorithm"].get<std::string>()) : nullptr;
        if (valid("gcpo.estimator") && full["gcpo"]["estimator"] == "exact" && g > kMaxExactGroupSize && algorithm &&
            algorithm->needsCredit)
            out.push_back({"gcpo.estimator", "exact credit supports group_size <= " + std::to_string(kMaxExactGroupSize) +
                                                 ", got " + std::to_string(g) + " (use permutation)"});
        // The cost bound `gcpo-train credit` enforces, so a run is refused here and not at step 1.
        if (valid("gcpo.estimator") && valid("gcpo.samples") && full["gcpo"]["estimator"] == "permutation")
            if (const std::string cost = creditCostProblem(g, CreditEstimator::Permutation, full["gcpo"]["samples"].get<int>());
                !cost.empty())
                out.push_back({"gcpo.samples", cost});
    }
    if (valid("name") && full["name"].get<std::string>().find_first_not_of(" \t\r\n") == std::string::npos)
        out.push_back({"name", "must not be empty"});
    if (valid("eval.samples") && valid("eval.k")) {
        const int n = full["eval"]["samples"].get<int>();
        for (const auto& k : full["eval"]["k"])
            if (k.get<int>() > n)
                out.push_back({"eval.k", "k = " + std::to_string(k.get<int>()) + " exceeds eval.samples = " + std::to_string(n)});
    }
    if (valid("algo.clip_low") && full["algo"]["clip_low"].get<double>() >= 1.0)
        out.push_back({"algo.clip_low", "must be below 1"});
    if (valid("device")) {
        const std::string device = full["device"].get<std::string>();
        if (!std::regex_match(device, std::regex("^(auto|cpu|cuda(:[0-9]+)?)$")))
            out.push_back({"device", "expected auto, cpu, cuda or cuda:N, got \"" + device + "\""});
    }
    if (valid("model.init") && valid("model.checkpoint") && full["model"]["init"] == "checkpoint" &&
        full["model"]["checkpoint"].get<std::string>().empty())
        out.push_back({"model.checkpoint", "model.init is checkpoint but no checkpoint directory is given"});
    if (valid("model.init") && full["model"]["init"] == "hf") {
        if (valid("model.path") && full["model"]["path"].get<std::string>().empty())
            out.push_back({"model.path", "model.init is hf but no model folder is given"});
    } else if (valid("model.init")) {  // settings only a Hugging Face policy uses must not look applied
        if (valid("model.dtype") && full["model"]["dtype"] == "bf16")
            out.push_back({"model.dtype", "bf16 needs model.init = hf (the built-in model trains in fp32)"});
        if (valid("model.gradient_checkpointing") && full["model"]["gradient_checkpointing"] == true)
            out.push_back({"model.gradient_checkpointing", "needs model.init = hf"});
    }
    if (!valid("tasks.families")) return out;
    const json& fam = full["tasks"]["families"];
    if (!fam.is_array() || fam.empty()) {
        out.push_back({"tasks.families", "expected a non-empty list of task families"});
    } else {
        try {  // the task suite's own validation, with its key paths under "tasks."
            tasks::TaskSuite suite(json{{"families", fam}});
        } catch (const std::invalid_argument& e) {
            const std::string msg = e.what();
            const auto colon = msg.find(": ");
            if (colon != std::string::npos && msg.rfind("families", 0) == 0)
                out.push_back({"tasks." + msg.substr(0, colon), msg.substr(colon + 2)});
            else out.push_back({"tasks.families", msg});
        }
    }
    return out;
}

std::string describeIssues(const std::vector<ConfigIssue>& issues) {
    std::string msg = "invalid config (" + std::to_string(issues.size()) + " problem" + (issues.size() > 1 ? "s" : "") + "):";
    for (const auto& i : issues) msg += "\n  " + (i.path.empty() ? std::string("(root)") : i.path) + ": " + i.message;
    return msg;
}

bool applyOverride(json& config, const std::string& assignment, ConfigIssue* issue) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0) {
        *issue = {"--set", assignment + ": expected key.path=value"};
        return false;
    }
    const std::string path = assignment.substr(0, eq), text = assignment.substr(eq + 1);
    const ConfigField* fd = findField(path);
    if (!fd) {
        *issue = {"--set", assignment + ": unknown key " + path};
        return false;
    }
    json value;
    if (fd->type == FieldType::String || fd->type == FieldType::Choice) {
        value = text;  // strings need no JSON quotes on the command line; a quoted one is a JSON string
        if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
            try {
                value = json::parse(text).get<std::string>();
            } catch (const json::exception&) {
                value = text;  // not a JSON string after all: taken literally
            }
        }
    } else {
        try {
            value = json::parse(text);
        } catch (const json::exception&) {
            *issue = {"--set", assignment + ": value is not valid for " + path + " (" + kind(fd->type) + ")"};
            return false;
        }
    }
    if (!config.is_object()) config = json::object();
    try {  // "gcpo": 1 in the config and --set gcpo.estimator=...: named, not written through
        util::setPath(config, path, value);
    } catch (const std::invalid_argument& e) {
        *issue = {"--set", assignment + ": " + e.what()};
        return false;
    }
    return true;
}

void applyOverride(json& config, const std::string& assignment) {
    ConfigIssue issue;
    if (!applyOverride(config, assignment, &issue)) throw std::invalid_argument("--set " + issue.message);
}

}  // namespace gcpo::rl
