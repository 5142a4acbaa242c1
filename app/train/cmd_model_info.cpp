// gcpo-train model-info: what a Hugging Face model folder's config.json (or a published shape) implies
// before anything is loaded: architecture, sizes, parameters, and the memory to RL-train it in fp32
// and bf16 (weights, bf16 casts, gradients, AdamW, reference, activations of one micro-batch).
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "model/hf/hf_config.h"
#include "model/hf/memory_estimate.h"
#include "train/cli_util.h"
#include "train/commands.h"

namespace gcpo::cli {

namespace {

namespace hf = model::hf;

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

struct ModelInfoArgs {
    std::string model, arch, size;
    int64_t batch = 8, tokens = 1024;
    bool checkpointing = false, noReference = false, json = false;
};

hf::MemoryOptions memoryOptions(const ModelInfoArgs& a, hf::TrainPrecision p) {
    hf::MemoryOptions o;
    o.precision = p;
    o.withReference = !a.noReference;
    o.batch = a.batch;
    o.tokens = a.tokens;
    o.gradientCheckpointing = a.checkpointing;
    return o;
}

nlohmann::json memoryJson(const hf::MemoryEstimate& m) {
    return {{"weights", m.weights},     {"compute_weights", m.computeWeights},
            {"gradients", m.gradients}, {"optimizer", m.optimizerStates},
            {"reference", m.reference}, {"activations", m.activations},
            {"states", m.states()},     {"total", m.total()}};
}

// A folder, or a config.json path given directly.
hf::HfConfig readConfig(const ModelInfoArgs& a) {
    if (!a.model.empty()) {
        std::filesystem::path p(a.model);
        if (std::filesystem::is_regular_file(p) && p.filename() == "config.json") p = p.parent_path();
        return hf::loadHfConfig(p.empty() ? "." : p.string());
    }
    if (!a.arch.empty()) return hf::hfConfigPreset(a.arch, a.size);
    throw ExitError(kExitBadInput, "model-info: give a model folder (DIR or --model DIR) or --arch A --size S");
}

void addModelInfoCommand(CLI::App& app) {
    auto* cmd = app.add_subcommand("model-info",
                                   "Summarise a Hugging Face model folder's config.json (or --arch/--size): sizes, parameters, "
                                   "and the memory to RL-train it in fp32 and bf16");
    auto a = std::make_shared<ModelInfoArgs>();
    auto* model = cmd->add_option("model,--model", a->model, "model folder (or its config.json)");
    auto* arch = cmd->add_option("--arch", a->arch, "a published shape instead: qwen2, qwen3, llama, mistral");
    cmd->add_option("--size", a->size, "with --arch: e.g. 0.5b, 1.5b, 7b");
    model->excludes(arch);
    cmd->add_option("--batch", a->batch, "sequences per forward/backward (optim.micro_batch) for the activation estimate")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--tokens", a->tokens, "tokens per sequence (prompt + completion) for the activation estimate")
        ->check(CLI::PositiveNumber);
    cmd->add_flag("--gradient-checkpointing", a->checkpointing, "activations with model.gradient_checkpointing");
    cmd->add_flag("--no-reference", a->noReference, "no frozen reference (algo.kl_coef = 0)");
    cmd->add_flag("--json", a->json, "one JSON object instead of text");
    cmd->callback([a] {
        hf::HfConfig c;
        try {
            c = readConfig(*a);
        } catch (const std::invalid_argument& e) {
            throw ExitError(kExitBadInput, e.what());
        }
        const auto fp32 = hf::estimateTrainingMemory(c, memoryOptions(*a, hf::TrainPrecision::Fp32));
        const auto bf16 = hf::estimateTrainingMemory(c, memoryOptions(*a, hf::TrainPrecision::Bf16));
        if (a->json) {
            const nlohmann::json j = {
                {"architecture", c.architecture},
                {"layers", c.layers},
                {"hidden_size", c.hiddenSize},
                {"heads", c.heads},
                {"kv_heads", c.kvHeads},
                {"head_dim", c.headDim},
                {"intermediate_size", c.intermediateSize},
                {"vocab_size", c.vocabSize},
                {"tied_embeddings", c.tieWordEmbeddings},
                {"context", c.context()},
                {"parameters", c.parameterCount()},
                {"activation_setting",
                 {{"batch", a->batch}, {"tokens", a->tokens}, {"gradient_checkpointing", a->checkpointing}}},
                {"memory_bytes", {{"fp32", memoryJson(fp32)}, {"bf16", memoryJson(bf16)}}}};
            std::cout << j.dump() << "\n";
            return;
        }
        std::printf(
            "%s: %lld layers, hidden %lld, %lld heads / %lld KV heads (head_dim %lld), MLP %lld, vocabulary %lld%s, "
            "context %lld\n%lld parameters (%.3f B)\n",
            c.architecture.c_str(), static_cast<long long>(c.layers), static_cast<long long>(c.hiddenSize),
            static_cast<long long>(c.heads), static_cast<long long>(c.kvHeads), static_cast<long long>(c.headDim),
            static_cast<long long>(c.intermediateSize), static_cast<long long>(c.vocabSize),
            c.tieWordEmbeddings ? " (tied embeddings)" : "", static_cast<long long>(c.context()),
            static_cast<long long>(c.parameterCount()), c.parameterCount() / 1e9);
        std::printf("RL training memory (GiB; %s; activations estimated for %lld x %lld tokens per micro-batch%s):\n",
                    a->noReference ? "no reference" : "with the frozen reference", static_cast<long long>(a->batch),
                    static_cast<long long>(a->tokens), a->checkpointing ? ", gradient checkpointing" : "");
        std::printf("  %-5s %8s %8s %9s %8s %9s %10s %11s %8s\n", "dtype", "weights", "bf16", "gradients", "AdamW", "reference",
                    "states", "activations", "total");
        for (const auto& [name, m] : {std::pair<const char*, hf::MemoryEstimate>{"fp32", fp32}, {"bf16", bf16}})
            std::printf("  %-5s %8.2f %8.2f %9.2f %8.2f %9.2f %10.2f %11.2f %8.2f\n", name, m.weights / kGiB,
                        m.computeWeights / kGiB, m.gradients / kGiB, m.optimizerStates / kGiB, m.reference / kGiB,
                        m.states() / kGiB, m.activations / kGiB, m.total() / kGiB);
        std::printf(
            "bf16 = fp32 master weights, gradients and AdamW states; bf16 casts of the weights for the forward; "
            "bf16 reference and activations.\n");
    });
}

}  // namespace

GCPO_REGISTER_COMMAND(33, addModelInfoCommand);

}  // namespace gcpo::cli
