// gcpo-bench model --model DIR | --arch qwen2 --size 0.5b: training tokens/s and MFU of a Hugging Face
// policy against the measured matmul peak of the same dtype.
#include "bench/bench_hf_model.h"

#include <cstdio>
#include <memory>

#include "bench/bench.h"
#include "model/hf/hf_bench.h"
#include "model/hf/hf_config.h"
#include "util/torch_runtime.h"

namespace gcpo::bench {

namespace {

struct HfArgs {
    std::string model, arch, size = "0.5b", dtype = "fp32";
    bool checkpointing = false;
    CLI::Option* layers = nullptr;  // the model bench's --layers: with --arch, keeps that many decoder layers
};

HfArgs& args() {
    static HfArgs a;
    return a;
}

}  // namespace

void addHfModelOptions(CLI::App* cmd) {
    auto& a = args();
    auto* model = cmd->add_option("--model", a.model, "Hugging Face model folder to benchmark instead of the built-in model");
    auto* arch = cmd->add_option("--arch", a.arch, "random weights of a published shape: qwen2, qwen3, llama, mistral");
    model->excludes(arch);
    cmd->add_option("--size", a.size,
                    "with --arch: 0.5b, 1.5b, 3b, 7b (qwen2); 0.6b, 1.7b, 8b (qwen3); 1b, 8b (llama); 7b (mistral)");
    cmd->add_option("--dtype", a.dtype, "fp32, or bf16 (fp32 master weights, bf16 arithmetic)")
        ->check(CLI::IsMember({"fp32", "bf16"}));
    cmd->add_flag("--gradient-checkpointing", a.checkpointing, "recompute each decoder layer in the backward pass");
    a.layers = cmd->get_option("--layers");
}

bool hfModelBenchRequested() { return !args().model.empty() || !args().arch.empty(); }

void runHfModelBench(const std::string& device, int64_t batch, int64_t tokens, int64_t rlPrompts, int64_t group,
                     int64_t newTokens, double seconds) {
    const auto& a = args();
    model::hf::HfBenchSetup s;
    s.modelDir = a.model;
    s.config = a.model.empty() ? model::hf::hfConfigPreset(a.arch, a.size) : model::hf::loadHfConfig(a.model);
    const bool fewerLayers = a.model.empty() && a.layers && a.layers->count() > 0;
    if (fewerLayers) s.config.layers = a.layers->as<int64_t>();  // the published layer shape, fewer of them (CPU)
    s.device = resolveDevice(device);
    s.dtype = a.dtype;
    s.gradientCheckpointing = a.checkpointing;
    s.minSeconds = seconds;
    printEnvironment();
    const auto& c = s.config;
    std::printf(
        "# device %s; %s %s: %lld%s layers, hidden %lld, heads %lld/%lld kv, head_dim %lld, vocab %lld, %.3fB params; %s%s\n",
        s.device.c_str(), c.architecture.c_str(), a.model.empty() ? ("random " + a.size).c_str() : a.model.c_str(),
        static_cast<long long>(c.layers), fewerLayers ? " (--layers)" : "", static_cast<long long>(c.hiddenSize),
        static_cast<long long>(c.heads), static_cast<long long>(c.kvHeads), static_cast<long long>(c.headDim),
        static_cast<long long>(c.vocabSize), c.parameterCount() / 1e9, a.dtype.c_str(),
        a.checkpointing ? ", gradient checkpointing" : "");
    const auto peak = model::hf::measureHfMatmulPeak(s);
    std::printf("matmul peak          %10.1f GFLOP/s  (%s, %lld^3)\n", peak.gflops, a.dtype.c_str(),
                static_cast<long long>(peak.size));
    std::fflush(stdout);
    const auto t = model::hf::measureHfTraining(s, batch, tokens);
    std::printf("training             %10.0f tokens/s  %.1f ms/step, batch %lld x %lld\n", t.tokensPerSecond,
                t.secondsPerStep * 1e3, static_cast<long long>(t.batch), static_cast<long long>(t.tokens));
    std::printf("training FLOP rate   %10.1f GFLOP/s  MFU %.1f%% of the measured %s peak (6N + 12*L*T*H*D = %.1f MFLOP/token)\n",
                t.gflops, 100.0 * t.gflops / peak.gflops, a.dtype.c_str(), t.flopsPerToken / 1e6);
    std::fflush(stdout);
    const auto rl = model::hf::measureHfSampling(s, rlPrompts, group, newTokens);
    std::printf(
        "sampling, RL batch   %10.0f tokens/s  B x G = %lld x %lld = %lld sequences, %lld-token prompts, %lld new tokens, "
        "%.3f s (KV cache, %s weights)\n",
        rl.tokensPerSecond, static_cast<long long>(rlPrompts), static_cast<long long>(group), static_cast<long long>(rl.rows),
        static_cast<long long>(rl.promptTokens), static_cast<long long>(newTokens), rl.seconds, a.dtype.c_str());
    std::fflush(stdout);
}

}  // namespace gcpo::bench
