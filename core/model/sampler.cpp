// Batched sampling of G completions per prompt: KV cache or full recomputation, temperature, top-k,
// top-p, per-row EOS stop, seeded by a private generator (see sampler.h).
//
// Legend: R = rows (B * G), P = prompt width, N = completion slots, C = d_model, V = vocabulary.
#include "model/sampler.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

namespace gcpo::model {

namespace {

// Restores the module's training flag on scope exit.
class EvalModeGuard {
public:
    explicit EvalModeGuard(torch::nn::Module& m) : m_model(m), m_wasTraining(m.is_training()) { m_model.eval(); }
    ~EvalModeGuard() { m_model.train(m_wasTraining); }

private:
    torch::nn::Module& m_model;
    bool m_wasTraining;
};

struct Choice {
    torch::Tensor token;            // (R) int64
    torch::Tensor logprob;          // (R) policy log-prob at temperature 1
    torch::Tensor samplingLogprob;  // (R) log-prob under the sampled distribution
};

// logits (R, V); uniform (R) in (0, 1).
Choice choose(const torch::Tensor& logitsIn, const torch::Tensor& uniform, const SamplingConfig& cfg) {
    const auto logits = logitsIn.to(torch::kFloat);      // (R, V)
    const auto policy = torch::log_softmax(logits, -1);  // (R, V)
    Choice c;
    if (cfg.temperature == 0.0) {
        c.token = logits.argmax(-1);                                           // (R)
        c.samplingLogprob = torch::zeros({logits.size(0)}, logits.options());  // (R) a point mass
    } else {
        const double inf = std::numeric_limits<double>::infinity();
        auto scaled = logits / cfg.temperature;  // (R, V)
        const int64_t V = logits.size(1);
        if (cfg.topK > 0 && cfg.topK < V) {
            const auto kth = std::get<0>(scaled.topk(cfg.topK, -1)).narrow(1, cfg.topK - 1, 1);  // (R, 1)
            scaled = scaled.masked_fill(scaled < kth, -inf);
        }
        if (cfg.topP < 1.0) {
            const auto sorted = scaled.sort(-1, /*descending=*/true);
            const auto& sortedLogits = std::get<0>(sorted);       // (R, V)
            const auto& order = std::get<1>(sorted);              // (R, V)
            const auto probs = torch::softmax(sortedLogits, -1);  // (R, V)
            // Drop a token when the more likely ones already reach topP (the top token always stays).
            const auto drop = (probs.cumsum(-1) - probs) >= cfg.topP;  // (R, V) sorted order
            scaled = scaled.masked_fill(torch::zeros_like(drop).scatter(1, order, drop), -inf);
        }
        const auto sampling = torch::log_softmax(scaled, -1);  // (R, V)
        // Inverse CDF in double: the first token whose cumulative mass reaches u * total. u is in (0, 1),
        // so the chosen token always has positive probability.
        const auto cdf = sampling.to(torch::kDouble).exp().cumsum(-1);                           // (R, V)
        const auto threshold = uniform.to(torch::kDouble) * cdf.narrow(1, V - 1, 1).squeeze(1);  // (R)
        c.token = (cdf < threshold.unsqueeze(1)).sum(-1).clamp_max(V - 1);                       // (R)
        c.samplingLogprob = sampling.gather(1, c.token.unsqueeze(1)).squeeze(1);                 // (R)
    }
    c.logprob = policy.gather(1, c.token.unsqueeze(1)).squeeze(1);  // (R)
    return c;
}

void checkConfig(const Policy& model, const std::vector<std::vector<int64_t>>& prompts, int64_t groupSize,
                 const SamplingConfig& cfg, const std::vector<int64_t>& stopIds, int64_t promptWidth) {
    if (prompts.empty()) throw std::invalid_argument("sample: no prompts");
    for (size_t i = 0; i < prompts.size(); ++i)
        if (prompts[i].empty()) throw std::invalid_argument("sample: prompt " + std::to_string(i) + " is empty");
    if (!cfg.promptSeeds.empty() && cfg.promptSeeds.size() != prompts.size())
        throw std::invalid_argument("sample: " + std::to_string(cfg.promptSeeds.size()) + " prompt seeds for " +
                                    std::to_string(prompts.size()) + " prompts");
    if (groupSize < 1) throw std::invalid_argument("sample: group size must be >= 1, got " + std::to_string(groupSize));
    if (cfg.maxNewTokens < 1) throw std::invalid_argument("sample: max_new_tokens must be >= 1");
    if (!(cfg.temperature >= 0.0)) throw std::invalid_argument("sample: temperature must be >= 0");
    if (cfg.topK < 0) throw std::invalid_argument("sample: top_k must be >= 0");
    if (!(cfg.topP > 0.0 && cfg.topP <= 1.0)) throw std::invalid_argument("sample: top_p must be in (0, 1]");
    const int64_t vocab = model.vocabSize();
    for (int64_t id : stopIds)
        if (id < 0 || id >= vocab)
            throw std::invalid_argument("sample: stop id " + std::to_string(id) + " outside the vocabulary");
    for (const auto& p : prompts)
        for (int64_t t : p)
            if (t < 0 || t >= vocab)
                throw std::invalid_argument("sample: prompt token " + std::to_string(t) + " outside the vocabulary");
    if (promptWidth + cfg.maxNewTokens > model.contextLength())
        throw std::invalid_argument("sample: longest prompt (" + std::to_string(promptWidth) + " tokens) + max_new_tokens (" +
                                    std::to_string(cfg.maxNewTokens) + ") exceeds the model context (" +
                                    std::to_string(model.contextLength()) + ")");
}

}  // namespace

SampleBatch sample(Transformer& model, const std::vector<std::vector<int64_t>>& prompts, int64_t groupSize,
                   const SamplingConfig& cfg, int64_t eosId) {
    TransformerPolicy policy(model);
    return sample(policy, prompts, groupSize, cfg, eosId >= 0 ? std::vector<int64_t>{eosId} : std::vector<int64_t>{});
}

SampleBatch sample(Policy& model, const std::vector<std::vector<int64_t>>& prompts, int64_t groupSize, const SamplingConfig& cfg,
                   const std::vector<int64_t>& stopIds) {
    int64_t P = 0;
    for (const auto& p : prompts) P = std::max<int64_t>(P, static_cast<int64_t>(p.size()));
    checkConfig(model, prompts, groupSize, cfg, stopIds, P);
    torch::NoGradGuard noGrad;
    EvalModeGuard evalMode(model.module());

    const auto device = model.device();
    const int64_t B = static_cast<int64_t>(prompts.size()), G = groupSize, R = B * G, N = cfg.maxNewTokens;
    const int64_t C = model.hiddenSize(), pad = 0;

    // Left-padded prompts, built on the host and moved once.
    auto seqHost = torch::full({R, P + N}, pad, torch::kLong);  // (R, P + N)
    auto validHost = torch::zeros({R, P + N}, torch::kBool);    // (R, P + N)
    auto seqA = seqHost.accessor<int64_t, 2>();
    auto validA = validHost.accessor<bool, 2>();
    for (int64_t b = 0; b < B; ++b) {
        const auto& p = prompts[static_cast<size_t>(b)];
        const int64_t off = P - static_cast<int64_t>(p.size());
        for (int64_t g = 0; g < G; ++g)
            for (size_t t = 0; t < p.size(); ++t) {
                seqA[b * G + g][off + static_cast<int64_t>(t)] = p[t];
                validA[b * G + g][off + static_cast<int64_t>(t)] = true;
            }
    }
    auto seq = seqHost.to(device);      // (R, P + N)
    auto valid = validHost.to(device);  // (R, P + N)

    // One uniform per (step, row), from a private generator: independent of the global RNG and of the device.
    const auto dopts = torch::TensorOptions().dtype(torch::kDouble);
    torch::Tensor draws;  // (N, R)
    if (cfg.promptSeeds.empty()) {
        auto gen = at::make_generator<at::CPUGeneratorImpl>(cfg.seed);
        draws = torch::rand({N, R}, gen, dopts);  // (N, R)
    } else {
        std::vector<torch::Tensor> perPrompt;
        for (int64_t b = 0; b < B; ++b) {
            auto gen = at::make_generator<at::CPUGeneratorImpl>(cfg.promptSeeds[static_cast<size_t>(b)]);
            perPrompt.push_back(torch::rand({N, G}, gen, dopts));  // (N, G)
        }
        draws = torch::cat(perPrompt, 1);  // (N, R)
    }
    const auto uniforms = draws.clamp(1e-12, 1.0 - 1e-12).to(device);  // (N, R)

    const auto fopts = torch::TensorOptions().dtype(torch::kFloat).device(device);
    auto tokens = torch::full({R, N}, pad, seq.options());  // (R, N)
    auto logprobs = torch::zeros({R, N}, fopts);            // (R, N)
    auto samplingLogprobs = torch::zeros({R, N}, fopts);    // (R, N)
    auto mask = torch::zeros({R, N}, fopts);                // (R, N)
    auto hidden = torch::zeros({R, N, C}, fopts);           // (R, N, C)
    auto alive = torch::ones({R}, valid.options());         // (R) still generating

    KVCache cache;
    torch::Tensor logits;  // (R, V) logits for the next token
    if (cfg.useCache) {
        cache = model.makeCache(R, P + N);
        logits = model.forwardCached(seq.narrow(1, 0, P), valid.narrow(1, 0, P), cache).logits.select(1, P - 1);  // (R, V)
    }
    int64_t steps = 0;
    for (int64_t n = 0; n < N; ++n) {
        if (!cfg.useCache)
            logits = model.forward(seq.narrow(1, 0, P + n), valid.narrow(1, 0, P + n)).logits.select(1, P + n - 1);  // (R, V)
        const Choice c = choose(logits, uniforms[n], cfg);
        const auto active = alive.clone();                                                 // (R)
        const auto activeF = active.to(torch::kFloat);                                     // (R)
        const auto token = torch::where(active, c.token, torch::full_like(c.token, pad));  // (R)
        tokens.select(1, n).copy_(token);
        logprobs.select(1, n).copy_(c.logprob * activeF);
        samplingLogprobs.select(1, n).copy_(c.samplingLogprob * activeF);
        mask.select(1, n).copy_(activeF);
        seq.select(1, P + n).copy_(token);
        valid.select(1, P + n).copy_(active);
        for (int64_t id : stopIds) alive = alive & (token != id);
        steps = n + 1;
        if (cfg.useCache) {
            const auto out = model.forwardCached(token.unsqueeze(1), active.unsqueeze(1), cache);
            logits = out.logits.select(1, 0);  // (R, V)
            hidden.select(1, n).copy_(out.hidden.select(1, 0));
        }
        // One host sync every few steps to stop once every row has its EOS.
        if ((n % 4 == 3 || n == N - 1) && !alive.any().item<bool>()) break;
    }
    if (!cfg.useCache)  // hidden states after reading each completion token: one full forward at the end
        hidden.narrow(1, 0, steps)
            .copy_(model.forward(seq.narrow(1, 0, P + steps), valid.narrow(1, 0, P + steps)).hidden.narrow(1, P, steps));

    SampleBatch s;
    s.mask = mask.narrow(1, 0, steps).contiguous();                              // (R, N)
    s.tokens = tokens.narrow(1, 0, steps).contiguous();                          // (R, N)
    s.logprobs = logprobs.narrow(1, 0, steps).contiguous();                      // (R, N)
    s.samplingLogprobs = samplingLogprobs.narrow(1, 0, steps).contiguous();      // (R, N)
    s.hidden = (hidden.narrow(1, 0, steps) * s.mask.unsqueeze(2)).contiguous();  // (R, N, C)
    s.lengths = s.mask.sum(1).to(torch::kLong);                                  // (R)
    s.finished = alive.logical_not();                                            // (R)
    s.sequences = seq.narrow(1, 0, P + steps).contiguous();                      // (R, P + N)
    s.sequenceValid = valid.narrow(1, 0, P + steps).contiguous();                // (R, P + N)
    s.promptWidth = P;
    s.groupSize = G;
    return s;
}

torch::Tensor meanPooledHidden(const SampleBatch& batch) {
    const auto m = batch.mask.unsqueeze(2);                      // (R, N, 1)
    return (batch.hidden * m).sum(1) / m.sum(1).clamp_min(1.0);  // (R, C)
}

}  // namespace gcpo::model
