// Smoke test of `gcpo-train experiment` and `gcpo-train report` end to end on a tiny experiment
// (2 arms x 2 seeds, 4 steps, a scratch model): bad definitions refused before anything is
// written, SIGTERM stops cleanly, a rerun skips finished runs and resumes the interrupted one, and
// the report's numbers equal the stored evaluations recomputed here.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "store/experiment_store.h"
#include "store/run_store.h"

using namespace gcpo;

class TestCliExperiment : public QObject {
    Q_OBJECT
    QString m_exe = qEnvironmentVariable("GCPO_TRAIN");
    QTemporaryDir m_dir;

    QString write(const QString& name, const QByteArray& text) {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(text);
        return path;
    }

    QString tinyExperiment(const QString& file, const QString& name, const QByteArray& gcpoSet = "{\"algorithm\":\"gcpo\"}") {
        write("base.json", R"({"algorithm":"grpo","seed":0,"steps":4,"device":"cpu","model":{"init":"scratch"},
            "sampling":{"prompts_per_step":2,"group_size":4,"max_new_tokens":8},
            "gcpo":{"embedding":"ngram-hash","ngram_dim":32},
            "eval":{"every":2,"prompts":3,"samples":4,"k":[1,2,4]},"checkpoint":{"every":1}})");
        return write(file, R"({"name":")" + name.toUtf8() + R"(","base":"base.json",
            "arms":[{"name":"grpo","set":{"algorithm":"grpo"}},{"name":"gcpo","set":)" +
                               gcpoSet + R"(}],
            "seeds":[0,1]})");
    }

    struct Result {
        int code;
        QString out, err;
    };
    Result run(const QStringList& args, int timeoutMs = 300000) {
        QProcess p;
        p.start(m_exe, args);
        p.waitForFinished(timeoutMs);
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

private slots:
    void initTestCase() { QVERIFY(QFileInfo(m_exe).isExecutable()); }

    void badDefinitionsWriteNothing() {
        const QString db = m_dir.filePath("bad.sqlite");
        const QString unknown = write("unknown.json", R"({"name":"x","base":{},"arms":[{"name":"a"}],"seeds":[0],"sed":1})");
        Result r = run({"experiment", "--config", unknown, "--db", db});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("sed: unknown field"), qPrintable(r.err));
        // The trainer's own validation names the arm and the key.
        r = run({"experiment", "--config", tinyExperiment("badarm.json", "bad", R"({"sampling.group_size":1})"), "--db", db});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("arm 'gcpo'") && r.err.contains("sampling.group_size"), qPrintable(r.err));
        QVERIFY(!QFile::exists(db));
        r = run({"experiment", "--db", db});
        QCOMPARE(r.code, 2);
        QVERIFY(!QFile::exists(db));
    }

    void builtInPresetIsValid() {
        // The README's experiment: 3 arms x 8 seeds of the demo config, every run's config accepted
        // by the trainer's validation (nothing is trained or written).
        const QString preset = qEnvironmentVariable("GCPO_RESOURCES") + "/experiments/demo_gcpo_vs_grpo.json";
        const QString db = m_dir.filePath("preset.sqlite");
        const Result r = run({"experiment", "--config", preset, "--db", db, "--validate-only"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(!QFile::exists(db));
        const auto plan = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(plan["runs"].size(), size_t(24));
        QCOMPARE(plan["runs"][0]["algorithm"].get<std::string>(), std::string("grpo"));
        QCOMPARE(plan["runs"][1]["algorithm"].get<std::string>(), std::string("gcpo"));
        QVERIFY(!plan["runs"][1]["gcpo"].contains("game_reward"));  // the default (shaped), as in earlier runs
        QCOMPARE(plan["runs"][2]["algorithm"].get<std::string>(), std::string("gcpo"));
        QCOMPARE(plan["runs"][2]["gcpo"]["game_reward"].get<std::string>(), std::string("correct"));
        QCOMPARE(plan["runs"][23]["seed"].get<int>(), 7);
        QCOMPARE(plan["runs"][23]["name"].get<std::string>(), std::string("demo-gcpo-vs-grpo/gcpo-correct/seed7"));
        QCOMPARE(plan["runs"][23]["model"]["init"].get<std::string>(), std::string("sft"));
    }

    void ablationPresetExtendsTheBuiltIn() {
        // scripts/ablations.sh: the built-in experiment's three arms unchanged (so it extends a
        // database that holds them) and eleven more; every run's config valid.
        const QString dir = qEnvironmentVariable("GCPO_RESOURCES") + "/experiments/";
        auto plan = [&](const QString& file) {
            const Result r =
                run({"experiment", "--config", dir + file, "--db", m_dir.filePath("plan.sqlite"), "--validate-only"});
            [&] { QVERIFY2(r.code == 0, qPrintable(r.err)); }();
            return nlohmann::json::parse(r.out.toStdString());
        };
        const auto builtIn = plan("demo_gcpo_vs_grpo.json"), ablations = plan("demo_ablations.json");
        constexpr int kArms = 14;
        QCOMPARE(ablations["runs"].size(), size_t(8 * kArms));
        for (int seed = 0; seed < 8; ++seed)
            for (int arm = 0; arm < 3; ++arm) QVERIFY(ablations["runs"][seed * kArms + arm] == builtIn["runs"][seed * 3 + arm]);
        const auto& run0 = ablations["runs"];  // seed 0 of each arm
        const auto& g16 = run0[5];
        QCOMPARE(g16["name"].get<std::string>(), std::string("demo-gcpo-vs-grpo/gcpo-canonical-g16/seed0"));
        QCOMPARE(g16["sampling"]["group_size"].get<int>(), 16);
        QCOMPARE(g16["sampling"]["prompts_per_step"].get<int>(), 4);  // the same 64 rollouts per step as G = 8, B = 8
        QCOMPARE(g16["gcpo"]["embedding"].get<std::string>(), std::string("canonical-answer"));
        QCOMPARE(run0[6]["gcpo"]["accuracy_weight"].get<double>(), 0.5);
        QCOMPARE(run0[7]["gcpo"]["volume_scale"].get<double>(), 4.0);
        for (int arm : {8, 9}) {  // the game on correctness over n-grams (arm 2) with an RBF kernel
            QCOMPARE(run0[arm]["gcpo"]["kernel"].get<std::string>(), std::string("rbf"));
            QCOMPARE(run0[arm]["gcpo"]["game_reward"].get<std::string>(), std::string("correct"));
            QCOMPARE(run0[arm]["gcpo"]["embedding"].get<std::string>(), std::string("ngram-hash"));
        }
        QCOMPARE(run0[8]["gcpo"]["rbf_gamma"].get<double>(), 1.0);
        QCOMPARE(run0[9]["gcpo"]["rbf_gamma"].get<double>(), 4.0);
        for (int arm : {10, 11})
            QCOMPARE(run0[arm]["optim"]["lr"].get<double>(), 3 * builtIn["runs"][0]["optim"]["lr"].get<double>());
        QCOMPARE(run0[10]["algorithm"].get<std::string>(), std::string("grpo"));
        QCOMPARE(run0[12]["algorithm"].get<std::string>(), std::string("grpo"));
        for (int arm : {12, 13}) QCOMPARE(run0[arm]["steps"].get<int>(), 300);
        QCOMPARE(run0[13]["gcpo"]["embedding"].get<std::string>(), std::string("canonical-answer"));

        // The replications: two of these arms again on the fresh seeds 8-15, nothing else changed.
        const std::vector<std::pair<QString, std::vector<int>>> replications = {{"demo_g16_replication.json", {4, 5}},
                                                                                {"demo_300_replication.json", {12, 13}}};
        for (const auto& [file, arms] : replications) {
            const auto rep = plan(file);
            QCOMPARE(rep["runs"].size(), size_t(16));
            for (size_t i = 0; i < arms.size(); ++i) {
                auto a = rep["runs"][i], b = run0[arms[i]];  // seed 8 against seed 0
                QCOMPARE(a["seed"].get<int>(), 8);
                for (auto* c : {&a, &b}) c->erase("seed"), c->erase("name");
                QVERIFY2(a == b, qPrintable(file + ": " + QString::fromStdString(a.dump())));
            }
        }
    }

    void interruptResumeAndReport() {
        const QString db = m_dir.filePath("exp.sqlite");
        const QString exp = tinyExperiment("exp.json", "tiny");
        // Run one at a time and stop it (SIGTERM) once the second run (gcpo, seed 0) has trained a step.
        QProcess p;
        p.start(m_exe, {"experiment", "--config", exp, "--db", db, "--progress-json"});
        QVERIFY(p.waitForStarted());
        QByteArray buffer;
        bool reached = false;
        QElapsedTimer t;
        t.start();
        while (!reached && t.elapsed() < 300000 && p.state() == QProcess::Running) {
            p.waitForReadyRead(1000);
            buffer += p.readAllStandardOutput();
            for (const QByteArray& line : buffer.split('\n')) {
                const QJsonObject o = QJsonDocument::fromJson(line).object();
                if (o["arm"].toString() == "gcpo" && o["seed"].toInt() == 0 && o["phase"].toString() == "step") reached = true;
            }
        }
        QVERIFY2(reached, qPrintable(QString(p.readAllStandardError())));
        p.terminate();
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 130);

        int64_t expId = 0, firstRun = 0, secondRun = 0;
        double firstUpdated = 0;
        {
            const store::RunStore s(db.toStdString(), store::RunStore::Mode::Read);
            QCOMPARE(s.schemaVersion(), store::kSchemaVersion);
            const auto experiments = store::listExperiments(s);
            QCOMPARE(experiments.size(), size_t(1));
            expId = experiments[0].id;
            const auto slots_ = store::experimentRuns(s, expId);
            QCOMPARE(slots_.size(), size_t(4));
            QCOMPARE(slots_[0].arm + "/" + std::to_string(slots_[0].seed), std::string("grpo/0"));
            QCOMPARE(store::toString(slots_[0].status), std::string("finished"));
            QCOMPARE(slots_[2].arm + "/" + std::to_string(slots_[2].seed), std::string("gcpo/0"));
            QCOMPARE(store::toString(slots_[2].status), std::string("interrupted"));
            QCOMPARE(slots_[1].runId, int64_t(0));  // grpo seed 1 not started
            QCOMPARE(slots_[3].runId, int64_t(0));
            firstRun = slots_[0].runId;
            secondRun = slots_[2].runId;
            firstUpdated = s.runInfo(firstRun).updatedAt;
            QVERIFY(s.maxStep(secondRun) < 4);
        }

        // The same command again, two at a time: finished skipped, interrupted resumed, rest started.
        Result r = run({"experiment", "--config", exp, "--db", db, "--parallel", "2"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("resuming run " + QString::number(secondRun)), qPrintable(r.err));
        {
            const store::RunStore s(db.toStdString(), store::RunStore::Mode::Read);
            QCOMPARE(s.listRuns().size(), size_t(4));  // no run made twice
            const auto slots_ = store::experimentRuns(s, expId);
            QCOMPARE(slots_[0].runId, firstRun);
            QCOMPARE(s.runInfo(firstRun).updatedAt, firstUpdated);  // not touched
            QCOMPARE(slots_[2].runId, secondRun);                   // resumed, not restarted
            for (const auto& slot : slots_) {
                QCOMPARE(store::toString(slot.status), std::string("finished"));
                QCOMPARE(s.steps(slot.runId).size(), size_t(5));  // steps 0 (baseline eval) .. 4
                const auto cfg = nlohmann::json::parse(s.runInfo(slot.runId).configJson);
                QCOMPARE(cfg["algorithm"].get<std::string>(), slot.arm);
                QCOMPARE(cfg["seed"].get<int64_t>(), slot.seed);
                QCOMPARE(s.runInfo(slot.runId).name, "tiny/" + slot.arm + "/seed" + std::to_string(slot.seed));
            }
        }
        r = run({"experiment", "--config", exp, "--db", db});  // nothing left to do
        QCOMPARE(r.code, 0);
        QVERIFY2(!r.err.contains("starting") && !r.err.contains("resuming run"), qPrintable(r.err));
        // Same name, another definition: refused.
        r = run({"experiment", "--config", tinyExperiment("other.json", "tiny", R"({"algorithm":"dapo"})"), "--db", db});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("different definition"), qPrintable(r.err));

        // The report against the stored evaluations.
        r = run({"report", "--db", db, "--format", "json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto j = nlohmann::json::parse(r.out.toStdString());
        const store::RunStore s(db.toStdString(), store::RunStore::Mode::Read);
        const auto slots_ = store::experimentRuns(s, expId);
        // Entropy: the one eval metric a 4-step scratch policy does not leave at 0.
        std::map<std::string, std::vector<double>> ent;
        for (const auto& slot : slots_) ent[slot.arm].push_back(store::finalEvals(s, {slot.runId})[0].values.at("entropy"));
        for (const char* arm : {"grpo", "gcpo"}) {
            const auto& m = j["arms"][arm]["entropy"];
            const auto& v = ent[arm];
            QCOMPARE(m["n"].get<int>(), 2);
            QVERIFY(std::fabs(m["mean"].get<double>() - (v[0] + v[1]) / 2) < 1e-12);
            QVERIFY(std::fabs(m["std"].get<double>() - std::fabs(v[0] - v[1]) / std::sqrt(2.0)) < 1e-12);
            for (const char* k : {"ci_low", "ci_high"}) QVERIFY(m.contains(k));
        }
        const auto& pair = j["pairs"][0];
        QCOMPARE(pair["delta"].get<std::string>(), std::string("gcpo - grpo"));
        const double d0 = ent["gcpo"][0] - ent["grpo"][0], d1 = ent["gcpo"][1] - ent["grpo"][1];
        const auto& pm = pair["metrics"]["entropy"];
        QVERIFY(std::fabs(pm["delta_mean"].get<double>() - (d0 + d1) / 2) < 1e-12);
        // Two pairs: 4 sign patterns; |d0 + d1| is matched by 2 of them unless one sum is larger.
        int hits = 0;
        for (int a : {1, -1})
            for (int b : {1, -1})
                if (std::fabs(a * d0 + b * d1) >= std::fabs(d0 + d1) - 1e-9) ++hits;
        QCOMPARE(pm["p_value"].get<double>(), (d0 == 0 && d1 == 0) ? 1.0 : hits / 4.0);
        QVERIFY(j["arms"]["gcpo"].contains("pass@1") && j["pairs"][0]["metrics"].contains("pass@4"));
        QVERIFY(pm.contains("ci_low") && pm.contains("ci_high"));
        QCOMPARE(pair["per_prompt"]["prompts"].size(), size_t(3));

        r = run({"report", "--db", db, "--experiment", QString::number(expId), "--format", "csv"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith("kind,metric,arm,baseline,"));
        QVERIFY(r.out.contains("\npair,pass@1,gcpo,grpo,"));
        r = run({"report", "--db", db, "--experiment", "tiny"});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("gcpo - grpo (n=2)") && r.out.contains("pass@4"), qPrintable(r.out));
        QCOMPARE(run({"report", "--db", db, "--format", "xml"}).code, 2);
        QCOMPARE(run({"report", "--db", db, "--experiment", "99"}).code, 2);
        QCOMPARE(run({"report", "--db", exp}).code, 2);  // not a run database
    }
};

QTEST_GUILESS_MAIN(TestCliExperiment)
#include "test_cli_experiment.moc"
