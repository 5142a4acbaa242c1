// gcpo-train model-info: what a Hugging Face model folder's config.json (or a published shape) implies,
// before anything is loaded: architecture, sizes, parameters, and RL training memory per precision.
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "model/hf/hf_config.h"
#include "train/cli_util.h"
#include "train/commands.h"

namespace gcpo::cli {

namespace {

nlohmann::json memoryJson(const model::hf::HfConfig& c, const std::string& dtype) {
    const auto m = model::hf::estimateTrainingMemory(c, dtype);
    return {{"policy_weights", m.policyWeights}, {"gradients", m.gradients}, {"optimizer", m.optimizerStates},
            {"reference", m.reference}, {"total", m.total()}};
}

void addModelInfoCommand(CLI::App& app) {
    auto* cmd = app.add_subcommand("model-info",
                                   "Summarise a Hugging Face model folder's config.json (or --arch/--size): sizes, parameters, "
                                   "and the memory to RL-train it (weights, gradients, AdamW, reference; no activations)");
    struct Args {
        std::string model, arch, size;
        bool json = false;
    };
    auto a = std::make_shared<Args>();
    auto* model = cmd->add_option("--model", a->model, "model folder");
    auto* arch = cmd->add_option("--arch", a->arch, "published shape instead: qwen2, qwen3, llama, mistral");
    cmd->add_option("--size", a->size, "with --arch: e.g. 0.5b, 1.5b, 7b");
    model->excludes(arch);
    cmd->add_flag("--json", a->json, "one JSON object instead of text");
    cmd->callback([a] {
        model::hf::HfConfig c;
        try {
            if (!a->model.empty()) c = model::hf::loadHfConfig(a->model);
            else if (!a->arch.empty()) c = model::hf::hfConfigPreset(a->arch, a->size);
            else throw ExitError(kExitBadInput, "model-info: give --model DIR or --arch A --size S");
        } catch (const std::invalid_argument& e) {
            throw ExitError(kExitBadInput, e.what());
        }
        const nlohmann::json j = {{"architecture", c.architecture}, {"layers", c.layers}, {"hidden_size", c.hiddenSize},
                                  {"heads", c.heads}, {"kv_heads", c.kvHeads}, {"head_dim", c.headDim},
                                  {"intermediate_size", c.intermediateSize}, {"vocab_size", c.vocabSize},
                                  {"tied_embeddings", c.tieWordEmbeddings}, {"context", c.context()},
                                  {"parameters", c.parameterCount()},
                                  {"memory_bytes", {{"fp32", memoryJson(c, "fp32")}, {"bf16", memoryJson(c, "bf16")}}}};
        if (a->json) {
            std::cout << j.dump() << "\n";
            return;
        }
        std::printf("%s: %lld layers, hidden %lld, %lld heads / %lld KV heads (head_dim %lld), MLP %lld, vocabulary %lld%s, "
                    "context %lld\n%.3f B parameters\n",
                    c.architecture.c_str(), static_cast<long long>(c.layers), static_cast<long long>(c.hiddenSize),
                    static_cast<long long>(c.heads), static_cast<long long>(c.kvHeads), static_cast<long long>(c.headDim),
                    static_cast<long long>(c.intermediateSize), static_cast<long long>(c.vocabSize),
                    c.tieWordEmbeddings ? " (tied)" : "", static_cast<long long>(c.context()), c.parameterCount() / 1e9);
        for (const char* d : {"fp32", "bf16"}) {
            const auto m = model::hf::estimateTrainingMemory(c, d);
            std::printf("model.dtype %s: %.1f GiB = policy %.1f + gradients %.1f + AdamW %.1f + reference %.1f (activations extra)\n", d,
                        m.total() / 1073741824.0, m.policyWeights / 1073741824.0, m.gradients / 1073741824.0,
                        m.optimizerStates / 1073741824.0, m.reference / 1073741824.0);
        }
    });
}

}  // namespace

GCPO_REGISTER_COMMAND(33, addModelInfoCommand);

}  // namespace gcpo::cli
