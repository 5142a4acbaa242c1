// What the embedding-coverage view reads and computes, apart from drawing: one rollout group's
// rollouts (and optionally the rest of its step), their 2-D projection (a PCA fitted once per run,
// or a classical MDS of the group's kernel distances), identical embeddings merged into one point
// with a count, the kernel matrix, and the volume itself: v(S) = log det(I + β L_S) of the subsets
// S_1 ⊂ S_2 ⊂ ... taken in decreasing credit order, whose marginal gains sum to the team coverage.
#pragma once

#include <QHash>
#include <QList>
#include <QPointF>
#include <QString>

#include <vector>

#include "rl/credit.h"
#include "run_data_source.h"
#include "views/pca_projection.h"

namespace gcpo::ui {

enum class Projection { Pca, Mds };

// One drawn point: the rollouts of the group with this (identical) embedding.
struct CoveragePoint {
    QPointF pos;
    QList<int> rollouts;  // rollout indices sharing the embedding (first = representative)
    bool correct = false;
    double credit = 0.0;  // summed over the merged rollouts
    QString answer;
    QString completion;  // of the representative
};

// Classical (Torgerson) MDS of a kernel: B = J K J (double centring of the squared kernel
// distances d_ij^2 = K_ii + K_jj - 2 K_ij, times -1/2), coordinates = top-2 eigenvectors * sqrt(eigenvalue).
// Returns n points; *explained gets the share of the positive eigenvalue mass on each axis.
std::vector<QPointF> classicalMds(const std::vector<double>& kernel, int n, double explained[2]);

class CoverageData {
public:
    // Reads and computes everything for `group`. `pca` caches one frame per run (fitted on the
    // run's first step with stored embeddings). Throws std::exception on a read error.
    void load(gcpo::store::RunStore& store, const GroupRef& group, bool allGroups, Projection projection,
              QHash<qint64, PcaProjection>* pca);
    void clear();

    GroupRef group;
    gcpo::rl::CreditConfig config;
    double teamCoverage = 0.0;  // stored team reward of the group
    int rolloutCount = 0;       // the group's rollouts with embeddings
    int dim = 0;
    QList<CoveragePoint> points;       // the group's rollouts, identical embeddings merged
    QList<QPointF> context;            // other groups' rollouts of the step (allGroups)
    std::vector<double> kernel;        // (G, G) row-major, G = rolloutCount
    double explained[2] = {0.0, 0.0};  // variance share of the two axes
    // Waterfall: rollouts in decreasing credit order, the marginal gain of each, and v(S_k).
    std::vector<int> creditOrder;
    std::vector<double> gains;
    std::vector<double> cumulative;
    std::vector<bool> orderCorrect;
    QString note;  // why something is missing, for the view's label
};

}  // namespace gcpo::ui
