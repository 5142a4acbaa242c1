// Held-out evaluation of the policy with the real verifiers.
#include "rl/evaluator.h"

#include <cmath>
#include <set>

#include "dist/step_sync.h"
#include "rl/metrics.h"
#include "rl/ngram_embedding.h"
#include "rl/run_config.h"

namespace gcpo::rl {

EvalResult evaluate(TrainContext& ctx, int64_t step) {
    const EvalSettings& ec = ctx.cfg.eval;
    const int64_t prompts = ec.prompts;
    const int n = ec.samples;
    model::SamplingConfig sc = ctx.sampling;
    sc.temperature = ec.temperature;

    double sumPass1 = 0, sumDistinct = 0, sumCoverage = 0, sumDist = 0, sumVendi = 0, sumLen = 0, sumFormat = 0;
    double sumReward = 0, sumNegLogp = 0, tokenCount = 0;
    int coverageCount = 0, distCount = 0, vendiCount = 0;
    std::vector<double> sumPassK(ec.k.size(), 0.0);
    EvalResult out;

    // This rank's prompts (all of them on one rank); a prompt's seed depends on its index only, so
    // any split over ranks samples the same completions.
    const dist::Share share = dist::shareOf(prompts, *ctx.comm, /*exact=*/false);
    ctx.comm->notePhase("step " + std::to_string(step) + " evaluation");
    const uint64_t evalSeed = mixSeed(kEvalSeed, static_cast<uint64_t>(step));
    const int64_t chunk = std::max<int64_t>(1, 256 / n);  // prompts per sampling batch (bounded memory)
    const int64_t end = share.first + share.count;
    for (int64_t first = share.first; first < end; first += chunk) {
        std::vector<tasks::Task> batch;
        sc.promptSeeds.clear();
        for (int64_t i = first; i < std::min(end, first + chunk); ++i) {
            batch.push_back(ctx.suite->sample(tasks::Split::Test, kEvalSeed, i));
            sc.promptSeeds.push_back(mixSeed(evalSeed, static_cast<uint64_t>(i)));
        }
        Rollouts ro = generateRollouts(ctx, batch, n, sc, false, true);
        {
            const torch::Tensor lp = ro.batch.logprobs.to(torch::kCPU, torch::kDouble);  // (R, N)
            const torch::Tensor m = ro.batch.mask.to(torch::kCPU, torch::kDouble);       // (R, N)
            sumNegLogp += -(lp * m).sum().item<double>();
            tokenCount += m.sum().item<double>();
        }
        const torch::Tensor lengths = ro.batch.lengths.to(torch::kCPU);
        const auto len = lengths.accessor<int64_t, 1>();
        for (size_t b = 0; b < batch.size(); ++b) {
            int c = 0;
            std::vector<std::string> canon;
            std::vector<bool> correct;
            std::vector<double> correctEmb;
            for (int s = 0; s < n; ++s) {
                const size_t r = b * n + s;
                const auto& v = ro.verdicts[r];
                c += v.correct;
                canon.push_back(v.canonical);
                correct.push_back(v.correct);
                sumLen += static_cast<double>(len[static_cast<int64_t>(r)]);
                sumFormat += v.wellFormatted;
                sumReward += v.reward;
                // The diversity of the correct samples is measured in one embedding for every run,
                // the n-gram hash of the text at gcpo.ngram_dim, whatever embedding the run trains
                // with: Vendi scores under different kernels (canonical answers are orthogonal,
                // policy hidden states drift as the policy trains) do not compare across arms.
                if (v.correct) {
                    const std::vector<double> e = ngramHashEmbedding(ro.texts[r], ctx.ngramDim);
                    correctEmb.insert(correctEmb.end(), e.begin(), e.end());
                }
                out.samples.push_back({static_cast<int32_t>(first + b), batch[b].id, batch[b].prompt, s, ro.texts[r],
                                       v.parsedAnswer, v.canonical, v.correct});
            }
            sumPass1 += static_cast<double>(c) / n;
            for (size_t k = 0; k < sumPassK.size(); ++k) sumPassK[k] += passAtK(n, c, ec.k[k]);
            const int distinct = distinctCorrect(canon, correct);
            sumDistinct += distinct;
            if (!batch[b].solutions.empty()) {
                std::set<std::string> found;
                const std::set<std::string> all(batch[b].solutions.begin(), batch[b].solutions.end());
                for (int s = 0; s < n; ++s)
                    if (correct[s] && all.count(canon[s])) found.insert(canon[s]);
                sumCoverage += static_cast<double>(found.size()) / all.size();
                ++coverageCount;
            }
            const int dim = ctx.ngramDim;
            const int nc = static_cast<int>(correctEmb.size() / dim);
            if (nc >= 2) {
                sumDist += meanPairwiseCosineDistance(correctEmb, nc, dim);
                ++distCount;
            }
            if (nc >= 1) {
                sumVendi += vendiScore(correctEmb, nc, dim);
                ++vendiCount;
            }
        }
    }
    // Every rank's sums (one collective; nothing on one rank). The samples go to rank 0 with the step.
    std::vector<double> sums{
        sumPass1,   sumDistinct, sumCoverage,           sumDist,           sumVendi,          sumLen, sumFormat, sumReward,
        sumNegLogp, tokenCount,  double(coverageCount), double(distCount), double(vendiCount)};
    sums.insert(sums.end(), sumPassK.begin(), sumPassK.end());
    sums = dist::sumOverRanks(*ctx.comm, sums);
    sumPass1 = sums[0], sumDistinct = sums[1], sumCoverage = sums[2], sumDist = sums[3], sumVendi = sums[4];
    sumLen = sums[5], sumFormat = sums[6], sumReward = sums[7], sumNegLogp = sums[8], tokenCount = sums[9];
    coverageCount = static_cast<int>(sums[10]), distCount = static_cast<int>(sums[11]), vendiCount = static_cast<int>(sums[12]);
    std::copy(sums.begin() + 13, sums.end(), sumPassK.begin());
    const double np = static_cast<double>(prompts), ns = np * n;
    out.values.push_back({"pass@1", sumPass1 / np});
    for (size_t k = 0; k < sumPassK.size(); ++k)
        if (ec.k[k] != 1) out.values.push_back({"pass@" + std::to_string(ec.k[k]), sumPassK[k] / np});
    out.values.push_back({"distinct_correct", sumDistinct / np});
    if (coverageCount) out.values.push_back({"solution_coverage", sumCoverage / coverageCount});
    if (distCount) out.values.push_back({"pairwise_distance", sumDist / distCount});
    if (vendiCount) out.values.push_back({"vendi", sumVendi / vendiCount});
    out.values.push_back({"entropy", tokenCount > 0 ? sumNegLogp / tokenCount : 0.0});
    out.values.push_back({"mean_length", sumLen / ns});
    out.values.push_back({"format_rate", sumFormat / ns});
    out.values.push_back({"reward", sumReward / ns});
    return out;
}

}  // namespace gcpo::rl
