// gcpo-bench-gui: how responsive the curves view stays with 5 finished runs of 10 000 steps
// (25 metrics each, evaluations every 100 steps) overlaid while a live run is being written by
// another thread. Reports the time from opening the runs until all their curves are drawn and the
// longest event-loop stall (gaps of a 1 ms timer) while following the live run.
//
//   QT_QPA_PLATFORM=offscreen build/widgets/gcpo-bench-gui [--steps 10000] [--runs 5] [--follow 10]
// --compare instead times the compare view opening an experiment of 2 arms x 8 seeds
// (bench_compare.cpp).
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <random>
#include <thread>

#include <time.h>

#include <qcustomplot.h>

#include "bench_compare.h"
#include "run_data_source.h"
#include "store/run_store.h"
#include "views/curves_view.h"

using namespace gcpo;

namespace {

const char* kKeys[] = {"reward",
                       "reward_std",
                       "frac_reward_zero_std",
                       "accuracy",
                       "format_rate",
                       "loss",
                       "kl",
                       "entropy",
                       "clip_ratio/low_mean",
                       "clip_ratio/high_mean",
                       "clip_ratio/region_mean",
                       "completions/mean_length",
                       "completions/clipped_ratio",
                       "grad_norm",
                       "learning_rate",
                       "gcpo/team_coverage",
                       "gcpo/distinct_correct",
                       "rollouts_consumed",
                       "time/sampling",
                       "time/reward",
                       "time/embedding",
                       "time/credit",
                       "time/loss_backward",
                       "time/store",
                       "step_time"};
const char* kEvalKeys[] = {
    "pass@1", "pass@2",  "pass@4",      "pass@8",      "pass@16", "distinct_correct", "solution_coverage", "pairwise_distance",
    "vendi",  "entropy", "mean_length", "format_rate", "reward"};

store::StepRecord makeStep(int64_t runId, int64_t step, double wall, std::mt19937& rng, int evalEvery, int groups, int groupSize,
                           int dim) {
    std::normal_distribution<double> noise(0.0, 0.05);
    store::StepRecord rec;
    rec.runId = runId;
    rec.step = step;
    rec.wallTime = wall;
    for (const char* k : kKeys) {
        const double v = std::string(k) == "rollouts_consumed" ? (step + 1) * 64.0 : std::log1p(step * 0.001) + noise(rng);
        rec.metrics.push_back({k, v});
    }
    if (evalEvery > 0 && step % evalEvery == 0)
        for (const char* k : kEvalKeys) rec.evals.push_back({k, 0.3 + 0.1 * std::log1p(step * 0.01) + noise(rng)});
    for (int g = 0; g < groups; ++g) {
        store::GroupRecord gr;
        gr.groupIndex = g;
        gr.prompt = "prompt";
        rec.groups.push_back(gr);
        for (int r = 0; r < groupSize; ++r) {
            store::RolloutRecord ro;
            ro.groupIndex = g;
            ro.rolloutIndex = r;
            ro.completion = "some completion text of moderate length, 3 + 4 = 7";
            ro.embedding.resize(static_cast<size_t>(dim));
            for (float& x : ro.embedding) x = static_cast<float>(noise(rng));
            rec.rollouts.push_back(std::move(ro));
        }
    }
    return rec;
}

// CPU time of the calling thread, microseconds: a long wall-clock gap with little CPU time in it
// is the scheduler running other processes (a loaded machine), not work of the event loop.
qint64 threadCpuMicros() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<qint64>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

// Runs the event loop (a real one: no busy processEvents loop) until `done` or `ms` passed.
void runLoop(int ms, const std::function<bool()>& done = {}) {
    QEventLoop loop;
    QTimer check;
    QObject::connect(&check, &QTimer::timeout, [&] {
        if (done && done()) loop.quit();
    });
    check.start(2);
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

}  // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Curves view responsiveness with large and live runs"));
    parser.addHelpOption();
    const QCommandLineOption stepsOpt(QStringLiteral("steps"), QStringLiteral("Steps per finished run."), QStringLiteral("n"),
                                      QStringLiteral("10000"));
    const QCommandLineOption runsOpt(QStringLiteral("runs"), QStringLiteral("Finished runs."), QStringLiteral("n"),
                                     QStringLiteral("5"));
    const QCommandLineOption followOpt(QStringLiteral("follow"), QStringLiteral("Seconds to follow the live run."),
                                       QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption liveOpt(QStringLiteral("live-ms"), QStringLiteral("Milliseconds between live steps."),
                                     QStringLiteral("ms"), QStringLiteral("50"));
    const QCommandLineOption dbOpt(QStringLiteral("db"), QStringLiteral("Database to (re)use for the finished runs."),
                                   QStringLiteral("path"));
    const QCommandLineOption compareOpt(QStringLiteral("compare"),
                                        QStringLiteral("Time the compare view opening 2 arms x 8 seeds instead."));
    const QCommandLineOption settleOpt(QStringLiteral("settle-ms"),
                                       QStringLiteral("--compare: milliseconds to watch for later redraws."),
                                       QStringLiteral("ms"), QStringLiteral("3000"));
    parser.addOptions({stepsOpt, runsOpt, followOpt, liveOpt, dbOpt, compareOpt, settleOpt});
    parser.process(app);
    if (parser.isSet(compareOpt))
        return runCompareBench(parser.value(dbOpt).toUtf8().constData(), parser.value(settleOpt).toInt());
    const int steps = parser.value(stepsOpt).toInt();
    const int runs = parser.value(runsOpt).toInt();
    const double followSeconds = parser.value(followOpt).toDouble();
    const int liveMs = parser.value(liveOpt).toInt();
    QTemporaryDir dir;
    const std::string path = parser.isSet(dbOpt) ? parser.value(dbOpt).toStdString() : dir.filePath("bench.sqlite").toStdString();

    // ---- Setup (not timed): finished runs, and a live run written by another thread ----
    QElapsedTimer setup;
    setup.start();
    store::RunStore writer(path, store::RunStore::Mode::Write);
    std::vector<int64_t> finished;
    for (const auto& r : writer.listRuns())
        if (r.status == store::RunStatus::Finished && r.lastStep + 1 == steps) finished.push_back(r.id);
    std::mt19937 rng(7);
    while (static_cast<int>(finished.size()) < runs) {
        store::RunInfo info;
        info.name = "finished-" + std::to_string(finished.size());
        info.algorithm = finished.size() % 2 ? "grpo" : "gcpo";
        info.configJson = "{}";
        const int64_t id = writer.createRun(info);
        for (int64_t s = 0; s < steps; ++s) writer.writeStep(makeStep(id, s, 1.7e9 + s, rng, 100, 0, 0, 0));
        writer.setStatus(id, store::RunStatus::Finished);
        finished.push_back(id);
    }
    finished.resize(static_cast<size_t>(runs));
    store::RunInfo liveInfo;
    liveInfo.name = "live";
    liveInfo.algorithm = "gcpo";
    liveInfo.configJson = "{}";
    const int64_t live = writer.createRun(liveInfo);
    std::printf("setup: %d finished runs x %d steps x %zu metrics in %.1f s (%s)\n", runs, steps, std::size(kKeys),
                setup.elapsed() / 1000.0, path.c_str());

    std::atomic<bool> stop{false};
    std::atomic<int64_t> liveSteps{0};
    std::thread liveWriter([&] {
        std::mt19937 liveRng(11);
        for (int64_t s = 0; !stop.load(); ++s) {
            // 8 groups x 8 rollouts with 64-d embeddings per step, evaluations every 20 steps.
            writer.writeStep(makeStep(live, s, 0.0, liveRng, 20, 8, 8, 64));
            liveSteps.store(s + 1);
            std::this_thread::sleep_for(std::chrono::milliseconds(liveMs));
        }
        writer.setStatus(live, store::RunStatus::Finished);
    });

    // ---- The window: curves view following every run ----
    ui::RunDataSource source;
    ui::CurvesView view;
    view.resize(1280, 800);
    view.setDataSource(&source);
    view.setCurrentMetric(QStringLiteral("reward"));
    view.show();
    runLoop(1000);  // first paint (font set-up) before anything is measured
    QElapsedTimer clock;
    qint64 lastTick = -1;
    qint64 lastCpu = 0;
    qint64 maxStall = 0;
    qint64 maxBusy = 0;  // GUI-thread CPU time inside the longest-busy gap
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(1);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed() / 1000;
        const qint64 cpu = threadCpuMicros();
        if (lastTick >= 0) {
            maxStall = std::max(maxStall, now - lastTick);
            maxBusy = std::max(maxBusy, cpu - lastCpu);
        }
        lastTick = now;
        lastCpu = cpu;
    });
    auto resetStall = [&] {
        maxStall = 0;
        maxBusy = 0;
        lastTick = -1;
    };

    qint64 drawnAt = -1;
    qint64 firstRunAt = -1;
    auto allDrawn = [&] {
        for (int64_t id : finished)
            if (view.pointCount(id, QStringLiteral("reward")) != steps) return false;
        return true;
    };
    QObject::connect(view.plot(), &QCustomPlot::afterReplot, [&] {
        const qint64 t = clock.nsecsElapsed() / 1000;
        if (firstRunAt < 0 && view.pointCount(finished.front(), QStringLiteral("reward")) == steps) firstRunAt = t;
        if (drawnAt < 0 && allDrawn()) drawnAt = t;
    });

    QList<qint64> follow(finished.begin(), finished.end());
    follow.append(live);
    clock.start();
    ticker.start();
    source.openDatabase(QString::fromStdString(path));
    source.setFollowedRuns(follow);
    runLoop(60000, [&] { return drawnAt >= 0; });
    const qint64 openStall = maxStall, openBusy = maxBusy;
    // Cost of one full redraw of the overlaid curves (GUI thread), averaged over 5.
    ticker.stop();
    QElapsedTimer replotTimer;
    replotTimer.start();
    for (int i = 0; i < 5; ++i) view.plot()->replot(QCustomPlot::rpImmediateRefresh);
    const double replotMs = replotTimer.nsecsElapsed() / 5e6;
    ticker.start();

    // Follow the live run, then switch metrics (full rebuilds of every graph).
    resetStall();
    const int replotsBefore = view.replotCount();
    const int64_t liveBefore = liveSteps.load();
    runLoop(static_cast<int>(followSeconds * 1000));
    const qint64 followStall = maxStall, followBusy = maxBusy;
    const int replots = view.replotCount() - replotsBefore;
    const int64_t liveDuring = liveSteps.load() - liveBefore;
    QElapsedTimer switchTimer;
    switchTimer.start();
    view.setCurrentMetric(QStringLiteral("time"));  // 7 keys x 6 runs, raw + smoothed
    view.plot()->replot(QCustomPlot::rpImmediateRefresh);
    const double switchMs = switchTimer.nsecsElapsed() / 1e6;
    stop.store(true);
    liveWriter.join();
    const int64_t liveTotal = liveSteps.load();
    runLoop(2000, [&] { return view.pointCount(live, QStringLiteral("step_time")) == liveTotal; });
    const int liveShown = view.pointCount(live, QStringLiteral("step_time"));

    std::printf("open %d runs -> first run's curves drawn: %.0f ms, all curves drawn: %.0f ms (target < 1000 ms)\n", runs,
                firstRunAt / 1000.0, drawnAt / 1000.0);
    std::printf("one full redraw of the overlaid curves: %.1f ms\n", replotMs);
    std::printf("longest event-loop stall while opening: %.1f ms wall, most GUI-thread CPU in one gap %.1f ms\n",
                openStall / 1000.0, openBusy / 1000.0);
    std::printf(
        "following the live run for %.0f s (%lld steps written, %d redraws): longest stall %.1f ms wall, "
        "most GUI-thread CPU in one gap %.1f ms (target < 50 ms)\n",
        followSeconds, static_cast<long long>(liveDuring), replots, followStall / 1000.0, followBusy / 1000.0);
    std::printf("switching to the step-time breakdown (7 keys x 6 runs rebuilt and drawn): %.1f ms\n", switchMs);
    std::printf("live run points shown after the writer stopped: %d of %lld steps\n", liveShown,
                static_cast<long long>(liveTotal));
    std::printf("machine load average at the end: %s", [] {
        static char buf[64] = "?\n";
        if (FILE* f = std::fopen("/proc/loadavg", "r")) {
            if (!std::fgets(buf, sizeof buf, f)) std::snprintf(buf, sizeof buf, "?\n");
            std::fclose(f);
        }
        return buf;
    }());
    const bool ok = drawnAt >= 0 && drawnAt < 1000000 && followStall < 50000 && liveShown == liveTotal;
    std::printf("%s\n", ok ? "PASS" : "FAIL");
    return ok ? 0 : 1;
}
