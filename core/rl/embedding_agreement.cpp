// Kernel vs verifier agreement on distinct solutions: per-group statistics and their summaries.
#include "rl/embedding_agreement.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <stdexcept>

#include "rl/credit.h"
#include "rl/metrics.h"

namespace gcpo::rl {

namespace {

std::vector<double> midRanks(const std::vector<double>& x) {
    std::vector<size_t> order(x.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return x[a] < x[b]; });
    std::vector<double> rank(x.size());
    for (size_t i = 0; i < order.size();) {
        size_t j = i;
        while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]]) ++j;
        const double mid = 0.5 * static_cast<double>(i + j) + 1.0;
        for (size_t k = i; k <= j; ++k) rank[order[k]] = mid;
        i = j + 1;
    }
    return rank;
}

int components(const std::vector<double>& kernel, int n, double threshold) {
    std::vector<int> parent(n);
    std::iota(parent.begin(), parent.end(), 0);
    auto root = [&](int i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    };
    for (int i = 0; i < n; ++i)
        for (int j = i + 1; j < n; ++j)
            if (kernel[static_cast<size_t>(i) * n + j] >= threshold) parent[root(i)] = root(j);
    int count = 0;
    for (int i = 0; i < n; ++i) count += root(i) == i;
    return count;
}

}  // namespace

double spearman(const std::vector<double>& x, const std::vector<double>& y) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (x.size() != y.size() || x.size() < 2) return nan;
    const std::vector<double> rx = midRanks(x), ry = midRanks(y);
    const double n = static_cast<double>(x.size());
    const double mx = std::accumulate(rx.begin(), rx.end(), 0.0) / n, my = std::accumulate(ry.begin(), ry.end(), 0.0) / n;
    double sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < rx.size(); ++i) {
        sxy += (rx[i] - mx) * (ry[i] - my);
        sxx += (rx[i] - mx) * (rx[i] - mx);
        syy += (ry[i] - my) * (ry[i] - my);
    }
    if (sxx == 0.0 || syy == 0.0) return nan;
    return sxy / std::sqrt(sxx * syy);
}

GroupAgreement groupAgreement(const std::string& family, const std::vector<std::string>& canonical,
                              const std::vector<double>& embeddings, int dim, double threshold) {
    const int n = static_cast<int>(canonical.size());
    if (n < 2) throw std::invalid_argument("groupAgreement: a group needs at least 2 correct rollouts");
    if (dim < 1 || embeddings.size() != static_cast<size_t>(n) * static_cast<size_t>(dim))
        throw std::invalid_argument("groupAgreement: expected " + std::to_string(n) + " x d embedding values");
    GroupAgreement g;
    g.family = family;
    g.correct = n;
    std::map<std::string, int> counts;
    for (const auto& c : canonical) ++counts[c];
    g.verifierDistinct = static_cast<int>(counts.size());
    double h = 0.0;
    for (const auto& [c, k] : counts) {
        const double p = static_cast<double>(k) / n;
        h -= p * std::log(p);
    }
    g.verifierVendi = std::exp(h);
    g.kernelClusters = components(kernelMatrix(embeddings, n, dim, KernelKind::Cosine, 1.0), n, threshold);
    g.kernelVendi = vendiScore(embeddings, n, dim);
    return g;
}

std::vector<AgreementSummary> summariseAgreement(const std::vector<GroupAgreement>& groups) {
    std::map<std::string, std::vector<const GroupAgreement*>> byFamily;
    for (const auto& g : groups) byFamily[g.family].push_back(&g);
    std::vector<std::pair<std::string, std::vector<const GroupAgreement*>>> parts(byFamily.begin(), byFamily.end());
    if (!groups.empty()) {
        std::vector<const GroupAgreement*> all;
        for (const auto& g : groups) all.push_back(&g);
        parts.emplace_back("all", std::move(all));
    }
    std::vector<AgreementSummary> out;
    for (const auto& [family, members] : parts) {
        AgreementSummary s;
        s.family = family;
        s.groups = static_cast<int>(members.size());
        std::vector<double> distinct, clusters, vendi;
        int exact = 0;
        for (const GroupAgreement* g : members) {
            distinct.push_back(g->verifierDistinct);
            clusters.push_back(g->kernelClusters);
            vendi.push_back(g->kernelVendi);
            exact += g->kernelClusters == g->verifierDistinct;
            s.meanVerifierDistinct += g->verifierDistinct;
            s.meanKernelClusters += g->kernelClusters;
            s.meanVerifierVendi += g->verifierVendi;
            s.meanKernelVendi += g->kernelVendi;
            s.meanAbsVendiGap += std::abs(g->kernelVendi - g->verifierVendi);
        }
        const double n = static_cast<double>(members.size());
        s.meanVerifierDistinct /= n;
        s.meanKernelClusters /= n;
        s.meanVerifierVendi /= n;
        s.meanKernelVendi /= n;
        s.meanAbsVendiGap /= n;
        s.exactMatchRate = exact / n;
        s.spearmanClusters = spearman(clusters, distinct);
        s.spearmanVendi = spearman(vendi, distinct);
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace gcpo::rl
