// One RL step of the trainer in its phases: rollouts, advantages, record, update, metrics.
#include "rl/rl_step.h"

#include <chrono>
#include <cmath>
#include <numeric>
#include <set>

#include "dist/grad_buckets.h"
#include "dist/step_sync.h"

namespace gcpo::rl {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Legend: B = prompts (of this rank), G = group size, R = B * G rows, N = completion slots.
// Data parallel: each rank holds the whole groups of its share of the step's prompts; sums over
// the ranks (dist::sumOverRanks) give the step's normalisers and metrics, so that a run on W ranks
// equals one process on the same global batch. On one rank every dist:: call returns at once.

std::string phase(int64_t step, const char* what) { return "step " + std::to_string(step) + " " + what; }

// Phase 1: B prompts x G rollouts, sampled, verified and (when needed) embedded.
Rollouts sampleRollouts(TrainContext& ctx, int64_t step, const dist::Share& share) {
    const int64_t all = ctx.cfg.sampling.promptsPerStep;
    ctx.comm->notePhase(phase(step, "sampling"));
    std::vector<tasks::Task> taskList;
    model::SamplingConfig sc = ctx.sampling;
    // Each prompt's random numbers depend on its index in the whole step, never on the rank.
    const uint64_t stepSeed = mixSeed(ctx.cfg.seed, static_cast<uint64_t>(step), 1);
    for (int64_t b = share.first; b < share.first + share.count; ++b) {
        taskList.push_back(ctx.suite->sample(tasks::Split::Train, ctx.cfg.seed, (step - 1) * all + b));
        sc.promptSeeds.push_back(mixSeed(stepSeed, static_cast<uint64_t>(b)));
    }
    const bool needRef = ctx.loss.klCoef > 0.0;
    return generateRollouts(ctx, std::move(taskList), ctx.cfg.sampling.groupSize, sc, needRef, ctx.needEmbeddings);
}

struct StepAdvantages {
    std::vector<GroupAdvantage> groups;  // B
    std::vector<double> advantage;       // R, what the loss uses
    std::vector<float> keep;             // R, 0 for rows of filtered zero-variance groups
    double seconds = 0.0;
};

// Phase 2: each group's advantages (the algorithm's advantage function, see algorithms.h).
StepAdvantages computeAdvantages(const TrainContext& ctx, const Rollouts& ro) {
    const auto t0 = Clock::now();
    const int64_t B = static_cast<int64_t>(ro.tasks.size()), G = ctx.cfg.sampling.groupSize;
    StepAdvantages out;
    out.advantage.assign(B * G, 0.0);
    out.keep.assign(B * G, 1.0f);
    for (int64_t b = 0; b < B; ++b) {
        const std::vector<double> r(ro.rewards.begin() + b * G, ro.rewards.begin() + (b + 1) * G);
        std::vector<double> e;
        if (ro.dim > 0) e.assign(ro.embeddings.begin() + b * G * ro.dim, ro.embeddings.begin() + (b + 1) * G * ro.dim);
        std::vector<double> correct(G);  // the verifier's correctness, for gcpo.game_reward = correct
        for (int64_t i = 0; i < G; ++i) correct[i] = ro.verdicts[b * G + i].correct ? 1.0 : 0.0;
        GroupAdvantage ga = groupAdvantage(r, e, ro.dim, ctx.advantage, correct);
        for (int64_t i = 0; i < G; ++i) {
            out.advantage[b * G + i] = ga.advantage[i];
            if (ctx.cfg.algo.filterZeroStd && ga.zeroStd) out.keep[b * G + i] = 0.0f;
        }
        out.groups.push_back(std::move(ga));
    }
    out.seconds = since(t0);
    return out;
}

// Phase 3: the step's groups and rollouts as the run store keeps them.
// Group indices count over the whole step (first: this rank's first prompt).
void recordGroups(const Rollouts& ro, const StepAdvantages& adv, int64_t G, int64_t first, store::StepRecord& rec) {
    const torch::Tensor lengths = ro.batch.lengths.to(torch::kCPU);  // (R)
    const auto len = lengths.accessor<int64_t, 1>();
    for (size_t b = 0; b < adv.groups.size(); ++b) {
        const GroupAdvantage& ga = adv.groups[b];
        int nCorrect = 0;
        for (int64_t i = 0; i < G; ++i) nCorrect += ro.verdicts[b * G + i].correct;
        const tasks::Task& t = ro.tasks[b];
        rec.groups.push_back({static_cast<int32_t>(first + static_cast<int64_t>(b)), t.prompt, t.family, t.id, ga.rewardMean,
                              ga.rewardStd, nCorrect, ga.teamCoverage, ga.zeroStd});
        for (int64_t i = 0; i < G; ++i) {
            const int64_t row = static_cast<int64_t>(b) * G + i;
            const auto& v = ro.verdicts[row];
            store::RolloutRecord rr;
            rr.groupIndex = static_cast<int32_t>(first + static_cast<int64_t>(b));
            rr.rolloutIndex = static_cast<int32_t>(i);
            rr.completion = ro.texts[row];
            rr.parsedAnswer = v.parsedAnswer;
            rr.canonicalAnswer = v.canonical;
            rr.reward = v.reward;
            rr.correct = v.correct;
            rr.grpoAdvantage = ga.grpoAdvantage[i];
            rr.gcpoCredit = ga.credit[i];
            rr.advantageUsed = ga.advantage[i];
            rr.length = static_cast<int32_t>(len[row]);
            if (ro.dim > 0) rr.embedding.assign(ro.embeddings.begin() + row * ro.dim, ro.embeddings.begin() + (row + 1) * ro.dim);
            rec.rollouts.push_back(std::move(rr));
        }
    }
}

struct UpdateResult {
    bool finite = true;
    std::string failure;
    double loss = 0.0, gradNorm = 0.0;
    double klSum = 0.0, entropySum = 0.0, clipLowSum = 0.0, clipHighSum = 0.0;  // over the last epoch's tokens
    LossNorm norm;                                                              // of the whole step (every rank)
    double seconds = 0.0;
    double secondsAllReduce = 0.0;  // gradient all-reduce (0 on one rank)
};

// Global L2 norm of the gradients, without changing them.
double gradientNorm(const std::vector<torch::Tensor>& params) {
    std::vector<torch::Tensor> norms;
    for (const auto& p : params)
        if (p.grad().defined()) norms.push_back(p.grad().detach().norm(2).to(torch::kDouble));  // ()
    if (norms.empty()) return 0.0;
    return torch::stack(norms).norm(2).item<double>();
}

std::string nonFinite(const char* what, double x) { return std::string(what) + " is " + (std::isnan(x) ? "NaN" : "infinite"); }

// Phase 4: μ epochs of the clipped surrogate over the rollouts, micro-batched with gradients
// accumulated, then one clipped optimizer step per epoch. Nothing is applied on a non-finite value.
UpdateResult updatePolicy(TrainContext& ctx, int64_t step, const Rollouts& ro, const StepAdvantages& adv, double lr) {
    const auto t0 = Clock::now();
    dist::Communicator& comm = *ctx.comm;
    UpdateResult res;
    for (auto& group : ctx.optimizer->param_groups()) static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
    const int64_t epochs = ctx.cfg.algo.epochs;
    const double clip = ctx.cfg.optim.gradClip;
    const auto dev = ctx.device;
    const model::SampleBatch& sb = ro.batch;
    const int64_t R = sb.tokens.size(0), P = sb.promptWidth, N = sb.tokens.size(1);
    const torch::Tensor advT = torch::tensor(adv.advantage, torch::kDouble).to(dev, torch::kFloat);  // (R)
    const torch::Tensor keepT = torch::tensor(adv.keep).to(dev).unsqueeze(1);                        // (R, 1)
    const torch::Tensor lossMask = sb.mask * keepT;                                                  // (R, N)
    // Normalisers of the whole step (token-mean: the global token count): each rank's loss is its
    // share of the global loss, so the gradients summed over the ranks are the global gradient.
    comm.notePhase(phase(step, "loss"));
    const std::vector<double> counts = dist::sumOverRanks(
        comm, {lossMask.sum().item<double>(), std::accumulate(adv.keep.begin(), adv.keep.end(), 0.0)});  // kept rows on the host
    res.norm.tokens = std::max(1.0, counts[0]);
    const double keptRows = counts[1];
    res.norm.rows = std::max(1.0, keptRows);
    const int64_t mb = ctx.cfg.optim.microBatch > 0 ? std::min(ctx.cfg.optim.microBatch, R) : R;
    const bool needEntropy = true;  // the entropy metric is always logged

    torch::Tensor oldLogp;  // (R, N)
    if (epochs > 1 || mb < R) {
        torch::NoGradGuard ng;
        oldLogp = model::scoreTokens(*ctx.policy, sb.sequences, sb.sequenceValid).logprobs.slice(1, P, P + N);
    }
    ctx.policy->module().train();
    const auto zero = torch::zeros({}, torch::TensorOptions().device(dev));
    torch::Tensor klSum = zero, entSum = zero, lowSum = zero, highSum = zero;
    if (keptRows > 0) {
        for (int64_t epoch = 0; epoch < epochs; ++epoch) {
            ctx.optimizer->zero_grad();
            for (int64_t first = 0; first < R; first += mb) {
                const int64_t last = std::min(R, first + mb);
                const model::TokenScores sc = model::scoreTokens(*ctx.policy, sb.sequences.slice(0, first, last),
                                                                 sb.sequenceValid.slice(0, first, last), needEntropy);
                const torch::Tensor lp = sc.logprobs.slice(1, P, P + N);  // (r, N)
                const torch::Tensor ent = sc.entropy.slice(1, P, P + N);  // (r, N)
                const torch::Tensor old = oldLogp.defined() ? oldLogp.slice(0, first, last) : lp.detach();
                const torch::Tensor ref = ro.refLogprobs.defined() ? ro.refLogprobs.slice(0, first, last) : torch::Tensor();
                LossTerms t =
                    policyLoss(lp, old, ref, ent, advT.slice(0, first, last), lossMask.slice(0, first, last), ctx.loss, res.norm);
                const double l = t.loss.item<double>();
                if (!std::isfinite(l)) {
                    res.finite = false;
                    res.failure = nonFinite("loss", l);
                    if (comm.distributed()) break;  // the other ranks learn it below, before anything is applied
                    ctx.optimizer->zero_grad();
                    return res;
                }
                t.loss.backward();
                if (epoch == epochs - 1) {
                    res.loss += l;
                    klSum = klSum + t.klSum;
                    entSum = entSum + t.entropySum;
                    lowSum = lowSum + t.clipLowSum;
                    highSum = highSum + t.clipHighSum;
                }
            }
            if (comm.distributed()) {
                comm.notePhase(phase(step, "gradient all-reduce"));
                if (dist::sumOverRanks(comm, {res.finite ? 0.0 : 1.0})[0] > 0) {
                    if (res.finite) res.failure = "the loss is not finite on another rank";
                    res.finite = false;
                    ctx.optimizer->zero_grad();
                    return res;
                }
                res.secondsAllReduce += dist::allReduceGradients(comm, ctx.policy->module().parameters());
            }
            // grad_clip = 0 is "off": the norm is only measured (clipping at a huge bound overflowed float).
            res.gradNorm = clip > 0 ? torch::nn::utils::clip_grad_norm_(ctx.policy->module().parameters(), clip)
                                    : gradientNorm(ctx.policy->module().parameters());
            if (!std::isfinite(res.gradNorm)) {
                res.finite = false;
                res.failure = nonFinite("gradient norm", res.gradNorm);
                ctx.optimizer->zero_grad();
                return res;
            }
            ctx.optimizer->step();
        }
    }
    const torch::Tensor sums = torch::stack({klSum, entSum, lowSum, highSum}).to(torch::kCPU, torch::kDouble);  // (4)
    const auto s = sums.accessor<double, 1>();
    res.klSum = s[0];
    res.entropySum = s[1];
    res.clipLowSum = s[2];
    res.clipHighSum = s[3];
    res.seconds = since(t0);
    return res;
}

// Phase 5: the step's scalar metrics (TRL names where the quantity is the same).
void recordMetrics(const TrainContext& ctx, int64_t step, double lr, const Rollouts& ro, const StepAdvantages& adv,
                   const UpdateResult& up, Clock::time_point tStep, store::StepRecord& rec) {
    const int64_t G = ctx.cfg.sampling.groupSize;
    const double B = static_cast<double>(ctx.cfg.sampling.promptsPerStep), R = B * G;  // the whole step
    double sumStd = 0, zeroStd = 0, sumCoverage = 0, sumDistinct = 0, correct = 0, formatted = 0;
    for (size_t b = 0; b < adv.groups.size(); ++b) {
        const GroupAdvantage& ga = adv.groups[b];
        std::set<std::string> distinct;
        for (int64_t i = 0; i < G; ++i) {
            const auto& v = ro.verdicts[b * G + i];
            correct += v.correct;
            formatted += v.wellFormatted;
            if (v.correct) distinct.insert(v.canonical);
        }
        sumStd += ga.rewardStd;
        zeroStd += ga.zeroStd;
        sumCoverage += ga.teamCoverage;
        sumDistinct += static_cast<double>(distinct.size());
    }
    const model::SampleBatch& sb = ro.batch;
    // Every rank's sums (whole groups on each rank, so they add up).
    ctx.comm->notePhase(phase(step, "metrics"));
    const std::vector<double> g = dist::sumOverRanks(
        *ctx.comm, {std::accumulate(ro.rewards.begin(), ro.rewards.end(), 0.0), sumStd, zeroStd, correct, formatted,
                    sb.mask.sum().item<double>(), sb.finished.to(torch::kFloat).sum().item<double>(), sumCoverage, sumDistinct,
                    up.loss, up.klSum, up.entropySum, up.clipLowSum, up.clipHighSum});
    const double totalTokens = std::max(1.0, g[5]);
    const double finishedRows = g[6];
    const double tokens = up.norm.tokens;
    auto m = [&](const std::string& k, double v) { rec.metrics.push_back({k, v}); };
    m("reward", g[0] / R);
    m("reward_std", g[1] / B);
    m("frac_reward_zero_std", g[2] / B);
    m("accuracy", g[3] / R);
    m("format_rate", g[4] / R);
    m("loss", g[9]);
    m("kl", g[10] / tokens);
    m("entropy", g[11] / tokens);
    m("clip_ratio/low_mean", g[12] / tokens);
    m("clip_ratio/high_mean", g[13] / tokens);
    m("clip_ratio/region_mean", (g[12] + g[13]) / tokens);
    m("completions/mean_length", totalTokens / R);
    m("completions/clipped_ratio", 1.0 - finishedRows / R);
    m("grad_norm", up.gradNorm);
    m("learning_rate", lr);
    m("gcpo/team_coverage", g[7] / B);
    m("gcpo/distinct_correct", g[8] / B);
    m("rollouts_consumed", static_cast<double>(step) * R);
    m("time/sampling", ro.secondsSampling);
    m("time/reward", ro.secondsReward);
    m("time/embedding", ro.secondsEmbedding);
    m("time/credit", adv.seconds);
    m("time/loss_backward", up.seconds);
    if (ctx.comm->distributed()) m("time/allreduce", up.secondsAllReduce);
    m("step_time", since(tStep));
}

}  // namespace

StepResult runRlStep(TrainContext& ctx, int64_t step, double lr) {
    const auto tStep = Clock::now();
    StepResult res;
    res.record.step = step;
    // This rank's whole groups: prompts [first, first + count) of the step (all of them on one rank).
    const dist::Share share = dist::shareOf(ctx.cfg.sampling.promptsPerStep, *ctx.comm, /*exact=*/true);
    const Rollouts ro = sampleRollouts(ctx, step, share);
    const StepAdvantages adv = computeAdvantages(ctx, ro);
    recordGroups(ro, adv, ctx.cfg.sampling.groupSize, share.first, res.record);
    const UpdateResult up = updatePolicy(ctx, step, ro, adv, lr);
    if (!up.finite) {
        res.finite = false;
        res.failure = up.failure;
        return res;
    }
    recordMetrics(ctx, step, lr, ro, adv, up, tStep, res.record);
    return res;
}

}  // namespace gcpo::rl
