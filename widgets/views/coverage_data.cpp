// Reads and computations of the embedding-coverage view (see coverage_data.h).
#include "views/coverage_data.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "util/linalg.h"
#include "views/run_credit_config.h"

namespace gcpo::ui {

namespace {
QString tr(const char* s) { return QCoreApplication::translate("gcpo::ui::CoverageData", s); }
}  // namespace

std::vector<QPointF> classicalMds(const std::vector<double>& k, int n, double explained[2]) {
    explained[0] = explained[1] = 0.0;
    std::vector<QPointF> out(static_cast<size_t>(n));
    if (n == 0) return out;
    // B = J K J with J = I - 11^T/n: subtract row and column means, add the grand mean.
    std::vector<double> rowMean(static_cast<size_t>(n), 0.0);
    double grand = 0.0;
    for (int i = 0; i < n; ++i) {
        for (int j = 0; j < n; ++j) rowMean[static_cast<size_t>(i)] += k[static_cast<size_t>(i) * n + j];
        rowMean[static_cast<size_t>(i)] /= n;
        grand += rowMean[static_cast<size_t>(i)];
    }
    grand /= n;
    std::vector<double> b(static_cast<size_t>(n) * n);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            b[static_cast<size_t>(i) * n + j] =
                k[static_cast<size_t>(i) * n + j] - rowMean[static_cast<size_t>(i)] - rowMean[static_cast<size_t>(j)] + grand;
    std::vector<double> vectors;
    const std::vector<double> values = gcpo::linalg::symmetricEigen(b, n, &vectors);
    double positive = 0.0;
    for (double v : values) positive += std::max(0.0, v);
    for (int axis = 0; axis < 2 && axis < n; ++axis) {
        const double lambda = std::max(0.0, values[static_cast<size_t>(axis)]);
        explained[axis] = positive > 0.0 ? lambda / positive : 0.0;
        const double scale = std::sqrt(lambda);
        for (int i = 0; i < n; ++i) {
            const double c = vectors[static_cast<size_t>(axis) * n + i] * scale;
            if (axis == 0) out[static_cast<size_t>(i)].setX(c);
            else out[static_cast<size_t>(i)].setY(c);
        }
    }
    return out;
}

void CoverageData::clear() { *this = CoverageData(); }

void CoverageData::load(gcpo::store::RunStore& store, const GroupRef& g, bool allGroups, Projection projection,
                        QHash<qint64, PcaProjection>* pcaCache) {
    clear();
    group = g;
    if (!g.isValid()) return;
    std::vector<gcpo::store::RolloutRecord> rollouts;
    {
        gcpo::store::RunStore::ReadTransaction snapshot(store);
        for (const auto& gr : store.groups(g.runId, g.step))
            if (gr.groupIndex == g.groupIndex) teamCoverage = gr.teamCoverage;
        rollouts = store.rollouts(g.runId, g.step, allGroups ? -1 : g.groupIndex);
        config = creditConfigFromJson(QString::fromStdString(store.runInfo(g.runId).configJson));
        if (projection == Projection::Pca && pcaCache && !pcaCache->contains(g.runId)) {
            // The run's first step with stored embeddings: every later frame uses the same axes.
            PcaProjection pca;
            for (const auto& s : store.steps(g.runId)) {
                if (!s.hasRollouts) continue;
                std::vector<std::vector<float>> rows;
                for (auto& r : store.rollouts(g.runId, s.step)) rows.push_back(std::move(r.embedding));
                if (pca.fit(rows)) break;
            }
            if (pca.isFitted()) pcaCache->insert(g.runId, pca);  // not cached empty: fitted later
        }
    }
    // The selected group's rollouts with embeddings of one dimension.
    std::vector<const gcpo::store::RolloutRecord*> mine;
    for (const auto& r : rollouts)
        if (r.groupIndex == g.groupIndex && !r.embedding.empty()) {
            if (dim == 0) dim = static_cast<int>(r.embedding.size());
            if (static_cast<int>(r.embedding.size()) == dim) mine.push_back(&r);
        }
    rolloutCount = static_cast<int>(mine.size());
    if (rolloutCount == 0) {
        note = tr("no stored embeddings for this group (rollout retention or embedding backend)");
        return;
    }
    std::vector<double> emb;
    std::vector<double> rewards;
    for (const auto* r : mine) {
        emb.insert(emb.end(), r->embedding.begin(), r->embedding.end());
        rewards.push_back(r->reward);
    }
    kernel = gcpo::rl::kernelMatrix(emb, rolloutCount, dim, config.kernel, config.rbfGamma);

    // Projection of the group's rollouts (and the context).
    std::vector<QPointF> pos(static_cast<size_t>(rolloutCount));
    if (projection == Projection::Mds) {
        pos = classicalMds(kernel, rolloutCount, explained);
    } else {
        PcaProjection local;
        const PcaProjection* pca = nullptr;
        if (pcaCache && pcaCache->contains(g.runId)) {
            pca = &pcaCache->find(g.runId).value();
        } else {  // no stored step to fit on yet: this group's own frame
            std::vector<std::vector<float>> rows;
            for (const auto* r : mine) rows.push_back(r->embedding);
            local.fit(rows);
            pca = &local;
        }
        for (int i = 0; i < rolloutCount; ++i)
            pos[static_cast<size_t>(i)] = pca->project(mine[static_cast<size_t>(i)]->embedding);
        explained[0] = pca->explainedVariance(0);
        explained[1] = pca->explainedVariance(1);
        for (const auto& r : rollouts)
            if (r.groupIndex != g.groupIndex && static_cast<int>(r.embedding.size()) == pca->dimension())
                context << pca->project(r.embedding);
    }
    // Identical embeddings (the same answer embedded twice) are one point with a count.
    for (int i = 0; i < rolloutCount; ++i) {
        const auto* r = mine[static_cast<size_t>(i)];
        auto same = std::find_if(points.begin(), points.end(), [&](const CoveragePoint& p) {
            return mine[static_cast<size_t>(p.rollouts.front())]->embedding == r->embedding && p.correct == r->correct;
        });
        if (same == points.end()) {
            CoveragePoint p;
            p.pos = pos[static_cast<size_t>(i)];
            p.correct = r->correct;
            p.answer = QString::fromStdString(r->parsedAnswer);
            p.completion = QString::fromStdString(r->completion);
            points << p;
            same = points.end() - 1;
        }
        same->rollouts << i;
        same->credit += r->gcpoCredit;
    }
    // Waterfall: grow S in decreasing stored credit order; v(S_k) from scratch for each prefix.
    creditOrder.resize(static_cast<size_t>(rolloutCount));
    std::iota(creditOrder.begin(), creditOrder.end(), 0);
    std::stable_sort(creditOrder.begin(), creditOrder.end(), [&mine](int a, int b) {
        return mine[static_cast<size_t>(a)]->gcpoCredit > mine[static_cast<size_t>(b)]->gcpoCredit;
    });
    const gcpo::rl::CoverageGame game(rewards, kernel, config.volumeScale);
    std::vector<int> subset;
    double previous = 0.0;
    for (int idx : creditOrder) {
        subset.push_back(idx);
        const double v = game.value(subset);
        gains.push_back(v - previous);
        cumulative.push_back(v);
        orderCorrect.push_back(mine[static_cast<size_t>(idx)]->correct);
        previous = v;
    }
    // Rollout indices as stored (not positions in `mine`).
    for (int& idx : creditOrder) idx = mine[static_cast<size_t>(idx)]->rolloutIndex;
    for (CoveragePoint& p : points)
        for (int& idx : p.rollouts) idx = mine[static_cast<size_t>(idx)]->rolloutIndex;
}

}  // namespace gcpo::ui
