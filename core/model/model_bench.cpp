// Policy benchmarks: matmul peak, training throughput, cached and uncached sampling (see model_bench.h).
#include "model/model_bench.h"

#include <torch/csrc/autograd/profiler_legacy.h>
#include <torch/torch.h>

#include <nlohmann/json.hpp>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "model/sampler.h"
#include "model/transformer.h"

namespace gcpo::model {

namespace {

using Clock = std::chrono::steady_clock;

void synchronize(const torch::Device& device) {
    // A host copy of a value computed last waits for the device queue (CUDA or not, no CUDA header needed).
    if (device.is_cuda()) torch::zeros({1}, torch::TensorOptions().device(device)).sum().item<float>();
}

// Mean seconds per call over at least minSeconds (and minReps calls), after one warm-up call; calls
// (if given) receives the number of calls made, the warm-up included.
template <typename Fn>
double secondsPerCall(Fn&& fn, const torch::Device& device, double minSeconds, int minReps = 2, int* calls = nullptr) {
    fn();
    synchronize(device);
    int reps = 0;
    const auto t0 = Clock::now();
    double elapsed = 0.0;
    do {
        fn();
        ++reps;
        synchronize(device);
        elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
    } while (elapsed < minSeconds || reps < minReps);
    if (calls) *calls = reps + 1;
    return elapsed / reps;
}

// Minor page faults of this process so far: memory the kernel hands out (and zeroes) page by page.
int64_t minorPageFaults() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_minflt;
}

ModelConfig benchConfig(const ModelBenchSetup& s) {
    ModelConfig c;
    c.layers = s.layers;
    c.dModel = s.dModel;
    c.heads = s.heads;
    c.context = s.context;
    return c;
}

// 6 N per token for the matmuls' weights (forward and backward) plus 12 L T C for the attention's
// two products: every FLOP counted is a matmul FLOP.
double trainingFlopsPerToken(const ModelBenchSetup& setup, int64_t matmulParameters, int64_t tokens) {
    return 6.0 * static_cast<double>(matmulParameters) + 12.0 * static_cast<double>(setup.layers * tokens * setup.dModel);
}

// The benchmarked training step: forward, cross-entropy, backward and AdamW on a fixed (batch, tokens)
// batch of random tokens.
struct BenchTraining {
    BenchTraining(const ModelBenchSetup& setup, int64_t batch, int64_t tokens)
        : device(setup.device), model((torch::manual_seed(2), benchConfig(setup))) {  // seeded before the weights
        model->to(device);
        model->train();
        opt = std::make_unique<torch::optim::AdamW>(model->parameters(), torch::optim::AdamWOptions(1e-4));
        x = torch::randint(3, 99, {batch, tokens}, torch::TensorOptions().dtype(torch::kLong).device(device));  // (B, T)
        y = torch::randint(3, 99, {batch, tokens}, x.options());                                                // (B, T)
    }
    void step() {
        opt->zero_grad();
        const auto logits = model->forward(x).logits;  // (B, T, V)
        torch::nn::functional::cross_entropy(logits.reshape({-1, logits.size(2)}), y.reshape({-1})).backward();
        opt->step();
    }
    torch::Device device;
    Transformer model;
    std::unique_ptr<torch::optim::AdamW> opt;
    torch::Tensor x, y;
};

}  // namespace

MatmulPeak measureMatmulPeak(const ModelBenchSetup& setup) {
    torch::NoGradGuard noGrad;
    const torch::Device device(setup.device);
    MatmulPeak best;
    for (int64_t n : {256, 512, 1024, 2048}) {
        torch::manual_seed(1);
        const auto a = torch::randn({n, n}, torch::TensorOptions().device(device));  // (n, n)
        const auto b = torch::randn({n, n}, torch::TensorOptions().device(device));  // (n, n)
        auto c = torch::empty({n, n}, a.options());                                  // (n, n)
        const double s = secondsPerCall([&] { torch::mm_out(c, a, b); }, device, setup.minSeconds / 4, 3);
        const double gflops = 2.0 * n * n * n / s / 1e9;
        if (gflops > best.gflops) best = {gflops, n};
    }
    return best;
}

TrainBench measureTraining(const ModelBenchSetup& setup, int64_t batch, int64_t tokens) {
    BenchTraining training(setup, batch, tokens);
    const torch::Device device = training.device;
    Transformer& model = training.model;
    auto step = [&] { training.step(); };
    TrainBench r;
    r.parameters = model->parameterCount();
    r.matmulParameters = model->matmulParameterCount();
    r.batch = batch;
    r.tokens = tokens;
    r.flopsPerToken = trainingFlopsPerToken(setup, r.matmulParameters, tokens);
    int calls = 0;
    const int64_t faults = minorPageFaults();
    r.secondsPerStep = secondsPerCall(step, device, setup.minSeconds, 2, &calls);
    r.pageFaultsPerStep = static_cast<double>(minorPageFaults() - faults) / calls;
    r.tokensPerSecond = static_cast<double>(batch * tokens) / r.secondsPerStep;
    r.gflops = r.tokensPerSecond * r.flopsPerToken / 1e9;
    return r;
}

TrainProfile profileTraining(const ModelBenchSetup& setup, int64_t batch, int64_t tokens, int steps) {
    BenchTraining training(setup, batch, tokens);
    const torch::Device device = training.device;
    Transformer& model = training.model;
    auto step = [&] { training.step(); };
    step();  // warm-up: allocations, AdamW state
    synchronize(device);
    std::stringstream trace;
    TrainProfile r;
    {
        torch::autograd::profiler::RecordProfile guard(trace);
        const auto t0 = Clock::now();
        for (int i = 0; i < steps; ++i) step();
        synchronize(device);
        r.secondsPerStep = std::chrono::duration<double>(Clock::now() - t0).count() / steps;
    }
    // Chrome trace events ("ph": "X", "ts" and "dur" in microseconds), nested per thread: an
    // operator's self time is its duration less that of the operators directly inside it.
    const nlohmann::json events = nlohmann::json::parse(trace.str());
    const nlohmann::json& list = events.is_array() ? events : events.at("traceEvents");
    struct Event {
        double begin, end;
        std::string name;
    };
    std::map<std::string, std::vector<Event>> byThread;
    for (const auto& e : list)
        if (e.value("ph", "") == "X")
            byThread[e.value("tid", nlohmann::json(0)).dump()].push_back({e.at("ts").get<double>(),
                                                                          e.at("ts").get<double>() + e.at("dur").get<double>(),
                                                                          e.at("name").get<std::string>()});
    std::map<std::string, double> self;  // microseconds over all steps
    for (auto& [tid, ev] : byThread) {
        std::sort(ev.begin(), ev.end(),
                  [](const Event& a, const Event& b) { return a.begin < b.begin || (a.begin == b.begin && a.end > b.end); });
        std::vector<const Event*> open;
        for (const Event& e : ev) {
            while (!open.empty() && open.back()->end <= e.begin) open.pop_back();
            self[e.name] += e.end - e.begin;
            if (!open.empty()) self[open.back()->name] -= e.end - e.begin;
            open.push_back(&e);
        }
    }
    static const std::set<std::string> matmuls = {"aten::mm",     "aten::bmm",         "aten::addmm", "aten::baddbmm",
                                                  "aten::addbmm", "gcpo::head_matmul", "gcpo::linear"};
    for (const auto& [name, us] : self) {
        const double seconds = us / 1e6 / steps;
        r.ops.emplace_back(name, seconds);
        if (matmuls.count(name)) r.matmulSeconds += seconds;
    }
    std::sort(r.ops.begin(), r.ops.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    r.flopsPerStep = trainingFlopsPerToken(setup, model->matmulParameterCount(), tokens) * static_cast<double>(batch * tokens);
    return r;
}

SampleBench measureSampling(const ModelBenchSetup& setup, int64_t prompts, int64_t group, int64_t newTokens, bool useCache) {
    const torch::Device device(setup.device);
    torch::manual_seed(3);
    Transformer model(benchConfig(setup));
    model->to(device);
    std::vector<std::vector<int64_t>> ps;
    int64_t promptTokens = 0;
    for (int64_t b = 0; b < prompts; ++b) {  // "countdown 12 7 3 -> 57\n"-sized prompts, different lengths
        std::vector<int64_t> p = {1};
        for (int64_t t = 0; t < 20 + (b % 4); ++t) p.push_back(4 + (b * 7 + t * 13) % 95);
        promptTokens = std::max<int64_t>(promptTokens, static_cast<int64_t>(p.size()));
        ps.push_back(std::move(p));
    }
    SamplingConfig sc;
    sc.maxNewTokens = newTokens;
    sc.useCache = useCache;
    sc.seed = 4;
    SampleBench r;
    r.rows = prompts * group;
    r.newTokens = newTokens;
    r.promptTokens = promptTokens;
    r.seconds = secondsPerCall([&] { sample(model, ps, group, sc, /*eosId=*/-1); }, device, useCache ? setup.minSeconds : 0.0, 1);
    r.tokensPerSecond = static_cast<double>(r.rows * newTokens) / r.seconds;
    return r;
}

}  // namespace gcpo::model
