// gcpo-bench-gui --compare: an experiment of 2 arms x 8 seeds of the demo's shape (101 steps x 25
// metrics, evaluations every 20 steps with 13 metrics and 32 prompts x 16 samples) opened in the
// compare view. Reports when the final-metric table is filled for the last common evaluation, when
// the view last redrew (it has settled: no reload after it within the settle time), how many
// full reloads and redraws the open cost, and the longest event-loop stall meanwhile.
#include "bench_compare.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <random>

#include <qcustomplot.h>

#include "run_data_source.h"
#include "store/experiment_store.h"
#include "store/run_store.h"
#include "views/compare_view.h"

using namespace gcpo;

namespace {

constexpr int kArms = 2, kSeeds = 8, kSteps = 101, kEvalEvery = 20, kPrompts = 32, kSamples = 16;

std::vector<store::EvalSample> samples(std::mt19937& rng) {
    std::vector<store::EvalSample> out;
    std::bernoulli_distribution ok(0.3);
    for (int p = 0; p < kPrompts; ++p)
        for (int s = 0; s < kSamples; ++s) {
            const bool c = ok(rng);
            const std::string ans = c ? std::to_string(s % 3) : "x" + std::to_string(s);
            out.push_back({p, "task/" + std::to_string(p), "countdown " + std::to_string(p) + " -> 10", s,
                           "some reasoning <answer>" + ans + "</answer>", ans, ans, c});
        }
    return out;
}

void build(const std::string& path) {
    store::RunStore w(path, store::RunStore::Mode::Write);
    if (!w.listRuns().empty()) return;  // reused
    store::ExperimentInfo e;
    e.name = "bench";
    e.arms = {{0, "grpo", R"({"algorithm":"grpo"})"}, {1, "gcpo", R"({"algorithm":"gcpo"})"}};
    for (int s = 0; s < kSeeds; ++s) e.seeds.push_back(s);
    const int64_t exp = store::createExperiment(w, e);
    std::mt19937 rng(3);
    std::normal_distribution<double> noise(0.0, 0.05);
    for (int arm = 0; arm < kArms; ++arm)
        for (int seed = 0; seed < kSeeds; ++seed) {
            store::RunInfo info;
            info.name = "bench/" + std::string(arm ? "gcpo" : "grpo") + "/seed" + std::to_string(seed);
            info.algorithm = arm ? "gcpo" : "grpo";
            info.seed = seed;
            info.totalSteps = kSteps;
            info.configJson = std::string(R"({"algorithm":")") + info.algorithm + R"(","seed":)" + std::to_string(seed) + "}";
            const int64_t run = w.createRun(info);
            store::linkExperimentRun(w, exp, arm, seed, run);
            for (int64_t step = 0; step < kSteps; ++step) {
                store::StepRecord s;
                s.runId = run;
                s.step = step;
                s.wallTime = 1.7e9 + step;
                for (int k = 0; k < 25; ++k) s.metrics.push_back({"metric/" + std::to_string(k), step * 0.01 + noise(rng)});
                s.metrics.push_back({"reward", 0.3 + step * 0.003 + noise(rng)});
                if (step % kEvalEvery == 0) {
                    for (const char* k :
                         {"pass@1", "pass@2", "pass@4", "pass@8", "pass@16", "distinct_correct", "solution_coverage",
                          "pairwise_distance", "vendi", "entropy", "mean_length", "format_rate", "reward"})
                        s.evals.push_back({k, 0.4 + 0.1 * arm + noise(rng)});
                    s.evalSamples = samples(rng);
                }
                w.writeStep(s);
            }
            w.setStatus(run, store::RunStatus::Finished);
        }
}

}  // namespace

int runCompareBench(const char* pathArg, int settleMs) {
    Q_INIT_RESOURCE(workbench);  // the view's icons (gcpo_widgets is a static library)
    QTemporaryDir dir;
    const std::string path = pathArg && *pathArg ? pathArg : dir.filePath(QStringLiteral("compare.sqlite")).toStdString();
    QElapsedTimer setup;
    setup.start();
    build(path);
    std::printf("compare setup: %d arms x %d seeds, %d steps, evals every %d (%d prompts x %d samples) in %.1f s (%s)\n", kArms,
                kSeeds, kSteps, kEvalEvery, kPrompts, kSamples, setup.elapsed() / 1000.0, path.c_str());

    ui::RunDataSource source;
    ui::CompareView view;
    view.resize(1280, 800);
    view.setDataSource(&source);
    view.show();
    {
        QEventLoop loop;
        QTimer::singleShot(1000, &loop, &QEventLoop::quit);  // first paint before anything is measured
        loop.exec();
    }
    QElapsedTimer clock;
    qint64 lastTick = -1, maxStall = 0;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(1);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed() / 1000;
        if (lastTick >= 0) maxStall = std::max(maxStall, now - lastTick);
        lastTick = now;
    });
    qint64 filledAt = -1, settledAt = -1;
    int replots = 0;
    const auto filled = [&] {
        const auto& arms = view.data().arms();
        return view.data().evalStep() == (kSteps - 1) / kEvalEvery * kEvalEvery && arms.size() == kArms &&
               std::all_of(arms.begin(), arms.end(), [](const ui::Arm& a) { return a.runIds.size() == kSeeds; }) &&
               view.metricsModel()->rowCount(QModelIndex()) > 0;
    };
    for (QCustomPlot* plot : view.plots())
        QObject::connect(plot, &QCustomPlot::afterReplot, [&] {
            const qint64 t = clock.nsecsElapsed() / 1000;
            ++replots;
            if (filledAt < 0 && filled()) filledAt = t;
            if (filledAt >= 0) settledAt = t;
        });

    QList<qint64> ids;
    {
        const store::RunStore r(path, store::RunStore::Mode::Read);
        for (const auto& run : r.listRuns()) ids << run.id;
    }
    // As in the window: the database is open and its runs listed; the user then selects the 16 runs.
    source.openDatabase(QString::fromStdString(path));
    {
        QEventLoop loop;
        QObject::connect(&source, &ui::RunDataSource::runsChanged, &loop, [&](const ui::RunInfoList& runs) {
            if (runs.size() >= ids.size()) loop.quit();
        });
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    clock.start();
    ticker.start();
    source.setFollowedRuns(ids);
    {
        QEventLoop loop;
        QTimer::singleShot(settleMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    std::printf(
        "compare view, %d runs selected: table filled and drawn %.0f ms after; last redraw (settled) at %.0f ms "
        "(target < 1000 ms); %d plot redraws; longest event-loop stall %.1f ms\n",
        int(ids.size()), filledAt / 1000.0, settledAt / 1000.0, replots, maxStall / 1000.0);
    return filledAt >= 0 && settledAt < 1000000 ? 0 : 1;
}
