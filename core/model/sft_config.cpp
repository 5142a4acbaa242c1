// SFT settings from JSON: defaults, range checks and errors that name the key path.
#include "model/sft_config.h"

#include <cmath>
#include <set>
#include <stdexcept>

#include "model/tokenizer.h"
#include "util/lr_schedule.h"

namespace gcpo::model {

namespace {

using json = nlohmann::json;

[[noreturn]] void fail(const std::string& path, const std::string& msg) { throw std::invalid_argument(path + ": " + msg); }

void checkKeys(const json& j, const std::string& where, const std::set<std::string>& known) {
    if (!j.is_object()) fail(where, "expected a JSON object");
    for (auto it = j.begin(); it != j.end(); ++it)
        if (!known.count(it.key())) fail(where.empty() ? it.key() : where + "." + it.key(), "unknown key");
}

std::string join(const std::string& where, const char* key) { return where.empty() ? key : where + "." + key; }

void readInt(const json& j, const std::string& where, const char* key, int64_t& v, int64_t lo, int64_t hi) {
    if (!j.contains(key)) return;
    const auto& x = j[key];
    if (!x.is_number_integer() || (x.is_number_unsigned() && x.get<uint64_t>() > static_cast<uint64_t>(hi)))
        fail(join(where, key), "expected an integer, got " + x.dump());
    v = x.get<int64_t>();
    if (v < lo || v > hi)
        fail(join(where, key), "must be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " + std::to_string(v));
}

void readSeed(const json& j, const std::string& where, const char* key, uint64_t& v) {
    if (!j.contains(key)) return;
    const auto& x = j[key];
    if (!x.is_number_integer() || (x.is_number_integer() && !x.is_number_unsigned() && x.get<int64_t>() < 0))
        fail(join(where, key), "expected a non-negative integer, got " + x.dump());
    v = x.get<uint64_t>();
}

void readDouble(const json& j, const std::string& where, const char* key, double& v, double lo, double hi, bool openLo) {
    if (!j.contains(key)) return;
    const auto& x = j[key];
    if (!x.is_number()) fail(join(where, key), "expected a number, got " + x.dump());
    v = x.get<double>();
    if (!std::isfinite(v) || (openLo ? v <= lo : v < lo) || v > hi)
        fail(join(where, key), std::string("must be in ") + (openLo ? "(" : "[") + std::to_string(lo) + ", " +
                                   std::to_string(hi) + "], got " + x.dump());
}

}  // namespace

SftConfig sftConfigFromJson(const json& j) {
    checkKeys(j, "", {"tasks", "model", "train", "eval", "checkpoint", "device", "threads"});
    SftConfig c;
    if (!j.contains("tasks")) fail("tasks", "required (a task suite: {\"families\":[...], \"format_reward\":...})");
    if (!j["tasks"].is_object()) fail("tasks", "expected a JSON object");
    c.tasks = j["tasks"];
    json model = j.value("model", json::object());
    if (!model.is_object()) fail("model", "expected a JSON object");
    if (!model.contains("vocab_size")) model["vocab_size"] = Tokenizer().vocabSize();
    c.model = modelConfigFromJson(model, "model");
    if (c.model.vocabSize != Tokenizer().vocabSize())
        fail("model.vocab_size", "must equal the tokenizer's vocabulary (" + std::to_string(Tokenizer().vocabSize()) + ")");

    if (j.contains("train")) {
        const auto& t = j["train"];
        checkKeys(t, "train",
                  {"steps", "batch_size", "lr", "min_lr_ratio", "warmup_steps", "weight_decay", "beta1", "beta2", "grad_clip",
                   "seed", "log_every"});
        readInt(t, "train", "steps", c.steps, 1, 100000000);
        readInt(t, "train", "batch_size", c.batchSize, 1, 1000000);
        readDouble(t, "train", "lr", c.lr, 0.0, 10.0, true);
        readDouble(t, "train", "min_lr_ratio", c.minLrRatio, 0.0, 1.0, false);
        readInt(t, "train", "warmup_steps", c.warmupSteps, 0, 100000000);
        readDouble(t, "train", "weight_decay", c.weightDecay, 0.0, 10.0, false);
        readDouble(t, "train", "beta1", c.beta1, 0.0, 0.999999, false);
        readDouble(t, "train", "beta2", c.beta2, 0.0, 0.999999, false);
        readDouble(t, "train", "grad_clip", c.gradClip, 0.0, 1e9, false);
        readSeed(t, "train", "seed", c.seed);
        readInt(t, "train", "log_every", c.logEvery, 1, 100000000);
    }
    if (j.contains("eval")) {
        const auto& e = j["eval"];
        checkKeys(e, "eval", {"every", "prompts", "temperature", "max_new_tokens", "seed"});
        readInt(e, "eval", "every", c.evalEvery, 0, 100000000);
        readInt(e, "eval", "prompts", c.evalPrompts, 1, 1000000);
        readDouble(e, "eval", "temperature", c.evalTemperature, 0.0, 100.0, false);
        readInt(e, "eval", "max_new_tokens", c.evalMaxNewTokens, 1, c.model.context - 1);
        readSeed(e, "eval", "seed", c.evalSeed);
    }
    if (j.contains("checkpoint")) {
        checkKeys(j["checkpoint"], "checkpoint", {"every"});
        readInt(j["checkpoint"], "checkpoint", "every", c.checkpointEvery, 0, 100000000);
    }
    if (j.contains("device")) {
        if (!j["device"].is_string()) fail("device", "expected \"auto\", \"cpu\" or \"cuda[:N]\", got " + j["device"].dump());
        c.device = j["device"].get<std::string>();
    }
    if (j.contains("threads")) {
        int64_t t = 0;
        readInt(j, "", "threads", t, 0, 4096);
        c.threads = static_cast<int>(t);
    }
    if (c.evalMaxNewTokens >= c.model.context) fail("eval.max_new_tokens", "must be below model.context");
    return c;
}

json toJson(const SftConfig& c) {
    return {{"tasks", c.tasks},
            {"model", toJson(c.model)},
            {"train",
             {{"steps", c.steps},
              {"batch_size", c.batchSize},
              {"lr", c.lr},
              {"min_lr_ratio", c.minLrRatio},
              {"warmup_steps", c.warmupSteps},
              {"weight_decay", c.weightDecay},
              {"beta1", c.beta1},
              {"beta2", c.beta2},
              {"grad_clip", c.gradClip},
              {"seed", c.seed},
              {"log_every", c.logEvery}}},
            {"eval",
             {{"every", c.evalEvery},
              {"prompts", c.evalPrompts},
              {"temperature", c.evalTemperature},
              {"max_new_tokens", c.evalMaxNewTokens},
              {"seed", c.evalSeed}}},
            {"checkpoint", {{"every", c.checkpointEvery}}},
            {"device", c.device},
            {"threads", c.threads}};
}

double sftLearningRate(const SftConfig& c, int64_t step) {
    return learningRate(LrSchedule{c.lr, c.warmupSteps, c.steps, /*cosine=*/true, c.minLrRatio}, step);
}

}  // namespace gcpo::model
