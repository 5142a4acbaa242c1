// One RL step of the trainer: rollouts, advantages per group, clipped-surrogate updates, metrics.
#include "rl/rl_step.h"

#include <chrono>
#include <cmath>
#include <numeric>
#include <set>

namespace gcpo::rl {

namespace {
double since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

StepResult runRlStep(TrainContext& ctx, int64_t step, double lr) {
    const auto tStep = std::chrono::steady_clock::now();
    StepResult res;
    auto& rec = res.record;
    rec.step = step;
    const int64_t B = ctx.prompts, G = ctx.groupSize, R = B * G;

    std::vector<tasks::Task> taskList;
    for (int64_t b = 0; b < B; ++b) taskList.push_back(ctx.suite->sample(tasks::Split::Train, ctx.seed, (step - 1) * B + b));
    model::SamplingConfig sc = ctx.sampling;
    sc.seed = mixSeed(ctx.seed, static_cast<uint64_t>(step), 1);
    const bool needRef = ctx.loss.klCoef > 0.0;
    Rollouts ro = generateRollouts(ctx, std::move(taskList), G, sc, needRef, ctx.needEmbeddings);

    // ---- advantages, group by group ----
    auto tCredit = std::chrono::steady_clock::now();
    const torch::Tensor lengths = ro.batch.lengths.to(torch::kCPU);  // (R)
    const auto len = lengths.accessor<int64_t, 1>();
    std::vector<double> adv(R, 0.0);
    std::vector<float> keep(R, 1.0f);
    double sumStd = 0, zeroStd = 0, sumCoverage = 0, sumDistinct = 0, correct = 0, formatted = 0;
    for (int64_t b = 0; b < B; ++b) {
        const std::vector<double> r(ro.rewards.begin() + b * G, ro.rewards.begin() + (b + 1) * G);
        std::vector<double> e;
        if (ro.dim > 0) e.assign(ro.embeddings.begin() + b * G * ro.dim, ro.embeddings.begin() + (b + 1) * G * ro.dim);
        const GroupAdvantage ga = groupAdvantage(r, e, ro.dim, ctx.advantage);
        std::set<std::string> distinct;
        int nCorrect = 0;
        for (int64_t i = 0; i < G; ++i) {
            const auto& v = ro.verdicts[b * G + i];
            adv[b * G + i] = ga.advantage[i];
            if (ctx.filterZeroStd && ga.zeroStd) keep[b * G + i] = 0.0f;
            nCorrect += v.correct;
            formatted += v.wellFormatted;
            if (v.correct) distinct.insert(v.canonical);
        }
        correct += nCorrect;
        sumStd += ga.rewardStd;
        zeroStd += ga.zeroStd;
        sumCoverage += ga.teamCoverage;
        sumDistinct += static_cast<double>(distinct.size());
        const tasks::Task& t = ro.tasks[b];
        rec.groups.push_back({static_cast<int32_t>(b), t.prompt, t.family, t.id, ga.rewardMean, ga.rewardStd, nCorrect,
                              ga.teamCoverage, ga.zeroStd});
        for (int64_t i = 0; i < G; ++i) {
            const int64_t row = b * G + i;
            const auto& v = ro.verdicts[row];
            store::RolloutRecord rr;
            rr.groupIndex = static_cast<int32_t>(b);
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
            if (ro.dim > 0)
                rr.embedding.assign(ro.embeddings.begin() + row * ro.dim, ro.embeddings.begin() + (row + 1) * ro.dim);
            rec.rollouts.push_back(std::move(rr));
        }
    }
    const double secondsCredit = since(tCredit);

    // ---- policy update ----
    auto tLoss = std::chrono::steady_clock::now();
    for (auto& group : ctx.optimizer->param_groups())
        static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
    const auto dev = ctx.device;
    const model::SampleBatch& sb = ro.batch;
    const int64_t P = sb.promptWidth, N = sb.tokens.size(1);
    const torch::Tensor advT = torch::tensor(adv, torch::kDouble).to(dev, torch::kFloat);   // (R)
    const torch::Tensor keepT = torch::tensor(keep).to(dev).unsqueeze(1);                  // (R, 1)
    const torch::Tensor lossMask = sb.mask * keepT;                                         // (R, N)
    LossNorm norm;
    norm.tokens = std::max(1.0, lossMask.sum().item<double>());
    const double keptRows = std::accumulate(keep.begin(), keep.end(), 0.0);  // on the host: no device sync
    norm.rows = std::max(1.0, keptRows);
    const bool anyKept = keptRows > 0;
    const int64_t mb = ctx.microBatch > 0 ? std::min(ctx.microBatch, R) : R;
    const bool needEntropy = true;  // the entropy metric is always logged

    torch::Tensor oldLogp;  // (R, N)
    if (ctx.epochs > 1 || mb < R) {
        torch::NoGradGuard ng;
        oldLogp = model::scoreTokens(*ctx.policy, sb.sequences, sb.sequenceValid).logprobs.slice(1, P, P + N);
    }
    ctx.policy->module().train();
    const auto zero = torch::zeros({}, torch::TensorOptions().device(dev));
    torch::Tensor klSum = zero, entSum = zero, lowSum = zero, highSum = zero;
    double lossSum = 0.0, gradNorm = 0.0;
    if (anyKept) {
        for (int64_t epoch = 0; epoch < ctx.epochs; ++epoch) {
            ctx.optimizer->zero_grad();
            for (int64_t first = 0; first < R; first += mb) {
                const int64_t last = std::min(R, first + mb);
                const model::TokenScores sc2 = model::scoreTokens(*ctx.policy, sb.sequences.slice(0, first, last),
                                                                  sb.sequenceValid.slice(0, first, last), needEntropy);
                const torch::Tensor lp = sc2.logprobs.slice(1, P, P + N);          // (r, N)
                const torch::Tensor ent = sc2.entropy.slice(1, P, P + N);          // (r, N)
                const torch::Tensor old = oldLogp.defined() ? oldLogp.slice(0, first, last) : lp.detach();
                const torch::Tensor ref = ro.refLogprobs.defined() ? ro.refLogprobs.slice(0, first, last) : torch::Tensor();
                LossTerms t = policyLoss(lp, old, ref, ent, advT.slice(0, first, last), lossMask.slice(0, first, last),
                                         ctx.loss, norm);
                const double l = t.loss.item<double>();
                if (!std::isfinite(l)) {
                    res.finite = false;
                    res.failure = "loss is " + std::string(std::isnan(l) ? "NaN" : "infinite");
                    ctx.optimizer->zero_grad();
                    return res;
                }
                t.loss.backward();
                if (epoch == ctx.epochs - 1) {
                    lossSum += l;
                    klSum = klSum + t.klSum;
                    entSum = entSum + t.entropySum;
                    lowSum = lowSum + t.clipLowSum;
                    highSum = highSum + t.clipHighSum;
                }
            }
            const double clip = ctx.config.at("optim").at("grad_clip").get<double>();
            gradNorm = torch::nn::utils::clip_grad_norm_(ctx.policy->module().parameters(), clip > 0 ? clip : 1e300);
            if (!std::isfinite(gradNorm)) {
                res.finite = false;
                res.failure = "gradient norm is " + std::string(std::isnan(gradNorm) ? "NaN" : "infinite");
                ctx.optimizer->zero_grad();
                return res;
            }
            ctx.optimizer->step();
        }
    }
    const torch::Tensor sums = torch::stack({klSum, entSum, lowSum, highSum}).to(torch::kCPU, torch::kDouble);
    const auto s = sums.accessor<double, 1>();
    const double secondsLoss = since(tLoss);

    const double totalTokens = std::max(1.0, sb.mask.sum().item<double>());
    const double finishedRows = sb.finished.to(torch::kFloat).sum().item<double>();
    auto m = [&](const std::string& k, double v) { rec.metrics.push_back({k, v}); };
    double rewardSum = 0;
    for (double r : ro.rewards) rewardSum += r;
    m("reward", rewardSum / R);
    m("reward_std", sumStd / B);
    m("frac_reward_zero_std", zeroStd / B);
    m("accuracy", correct / R);
    m("format_rate", formatted / R);
    m("loss", lossSum);
    m("kl", s[0] / norm.tokens);
    m("entropy", s[1] / norm.tokens);
    m("clip_ratio/low_mean", s[2] / norm.tokens);
    m("clip_ratio/high_mean", s[3] / norm.tokens);
    m("clip_ratio/region_mean", (s[2] + s[3]) / norm.tokens);
    m("completions/mean_length", totalTokens / R);
    m("completions/clipped_ratio", 1.0 - finishedRows / R);
    m("grad_norm", gradNorm);
    m("learning_rate", lr);
    m("gcpo/team_coverage", sumCoverage / B);
    m("gcpo/distinct_correct", sumDistinct / B);
    m("rollouts_consumed", static_cast<double>(step * R));
    m("time/sampling", ro.secondsSampling);
    m("time/reward", ro.secondsReward);
    m("time/embedding", ro.secondsEmbedding);
    m("time/credit", secondsCredit);
    m("time/loss_backward", secondsLoss);
    m("step_time", since(tStep));
    return res;
}

}  // namespace gcpo::rl
