// Sampling, decoding, verification and embedding of a batch of rollout groups.
#include <chrono>

#include "rl/answer_embedding.h"
#include "rl/ngram_embedding.h"
#include "rl/train_context.h"

namespace gcpo::rl {

uint64_t mixSeed(uint64_t seed, uint64_t a, uint64_t b) {
    uint64_t z = seed ^ (a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

namespace {
double since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

Rollouts generateRollouts(TrainContext& ctx, std::vector<tasks::Task> taskList, int64_t groupSize,
                          const model::SamplingConfig& sampling, bool needRefLogprobs, bool needEmbeddings) {
    Rollouts out;
    out.tasks = std::move(taskList);
    auto t0 = std::chrono::steady_clock::now();
    std::vector<std::vector<int64_t>> prompts;
    prompts.reserve(out.tasks.size());
    for (const auto& t : out.tasks) prompts.push_back(ctx.codec->encodePrompt(t.prompt));
    out.batch = model::sample(*ctx.policy, prompts, groupSize, sampling, ctx.codec->stopIds());
    out.secondsSampling = since(t0);

    t0 = std::chrono::steady_clock::now();
    const torch::Tensor tokens = out.batch.tokens.to(torch::kCPU);    // (R, N)
    const torch::Tensor lengths = out.batch.lengths.to(torch::kCPU);  // (R)
    const int64_t rows = tokens.size(0), n = tokens.size(1);
    auto tok = tokens.accessor<int64_t, 2>();
    auto len = lengths.accessor<int64_t, 1>();
    out.texts.resize(rows);
    out.verdicts.resize(rows);
    out.rewards.resize(rows);
    for (int64_t r = 0; r < rows; ++r) {
        std::vector<int64_t> ids;
        for (int64_t k = 0; k < std::min(len[r], n); ++k) ids.push_back(tok[r][k]);
        out.texts[r] = ctx.codec->decodeCompletion(ids);
        out.verdicts[r] = ctx.suite->verify(out.tasks[r / groupSize], out.texts[r]);
        out.rewards[r] = out.verdicts[r].reward;
    }
    out.secondsReward = since(t0);

    t0 = std::chrono::steady_clock::now();
    const bool centred = ctx.embedding == EmbeddingBackend::PolicyHiddenCentred;
    const bool policyHidden = needEmbeddings && (ctx.embedding == EmbeddingBackend::PolicyHidden || centred);
    if (needRefLogprobs && ctx.reference) {
        torch::NoGradGuard ng;
        const model::TokenScores ref = model::scoreTokens(*ctx.reference, out.batch.sequences, out.batch.sequenceValid);
        const int64_t p = out.batch.promptWidth;
        out.refLogprobs = ref.logprobs.slice(1, p, p + n);  // (R, N)
    }
    if (policyHidden) {
        // The sampling pass already read every completion token: its final hidden states, mean-pooled
        // over the completion, are the embedding (no second forward over the batch).
        torch::Tensor pooled = model::meanPooledHidden(out.batch);  // (R, C)
        // A Hugging Face policy's hidden states (of model.embedding_layer) are unit-normalised per rollout.
        if (ctx.hf) pooled = pooled / pooled.pow(2).sum(1, /*keepdim=*/true).sqrt().clamp_min(1e-12);  // (R, C)
        const torch::Tensor cpu = pooled.to(torch::kCPU, torch::kDouble).contiguous();
        out.dim = static_cast<int>(cpu.size(1));
        out.embeddings.assign(cpu.data_ptr<double>(), cpu.data_ptr<double>() + cpu.numel());
        if (centred) centreRowsPerGroup(out.embeddings, static_cast<int>(rows), out.dim, static_cast<int>(groupSize));
    }
    if (needEmbeddings && !policyHidden) {
        out.dim = ctx.ngramDim;
        out.embeddings.reserve(static_cast<size_t>(rows) * out.dim);
        for (int64_t r = 0; r < rows; ++r) {
            const std::vector<double> e = ctx.embedding == EmbeddingBackend::CanonicalAnswer
                                              ? canonicalAnswerEmbedding(out.verdicts[r].canonical, out.dim)
                                              : ngramHashEmbedding(out.texts[r], out.dim);
            out.embeddings.insert(out.embeddings.end(), e.begin(), e.end());
        }
    }
    out.secondsEmbedding = since(t0);
    return out;
}

}  // namespace gcpo::rl
