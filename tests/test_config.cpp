// Unit tests of the run config: defaults, validation with key paths, overrides, the typed
// RunConfig, the algorithm table and the one learning-rate schedule.
#include <QtTest>

#include <cmath>
#include <fstream>

#include "rl/algorithms.h"
#include "rl/credit_json.h"
#include "rl/run_config.h"
#include "rl/train_config.h"
#include "util/lr_schedule.h"

using namespace gcpo::rl;
using nlohmann::json;

class TestConfig : public QObject {
    Q_OBJECT
private slots:
    void defaultsAreValid() {
        QVERIFY(validateConfig(json::object()).empty());
        const RunConfig c = defaultRunConfig();
        QCOMPARE(c.sampling.groupSize, int64_t(8));
        QCOMPARE(c.algorithm, Algorithm::Gcpo);
        QVERIFY(c.algo.lossAgg == LossAggregation::SeqMeanTokenMean);
        QCOMPARE(c.eval.k, (std::vector<int>{1, 2, 4, 8, 16}));
        for (const auto& fd : configFields()) {
            QVERIFY2(!fd.help.empty() && !fd.label.empty(), fd.path.c_str());  // every field has a tooltip
            QVERIFY(!fd.group.empty());
        }
    }

    void everyFieldIsTypedBothWays() {
        // toJson(resolve(defaults)) is the field table's defaults: every field has a member.
        QCOMPARE(toJson(defaultRunConfig()), defaultConfig());
        // Every choice of every Choice field survives the typed round trip (enum names agree).
        for (const auto& fd : configFields()) {
            if (fd.type != FieldType::Choice) continue;
            for (const auto& choice : fd.choices) {
                json cfg = json::object();
                applyOverride(cfg, fd.path + "=" + choice);
                if (fd.path == "model.init" && choice == "checkpoint") applyOverride(cfg, "model.checkpoint=/x");
                if ((fd.path == "model.init" && choice == "hf") || (fd.path == "model.dtype" && choice == "bf16")) {
                    applyOverride(cfg, "model.init=hf");  // bf16 is for a Hugging Face policy only
                    applyOverride(cfg, "model.path=/x");
                }
                const json back = toJson(resolveRunConfig(cfg));
                json expected = withDefaults(cfg);
                QVERIFY2(back == expected, (fd.path + "=" + choice).c_str());
            }
        }
        // A non-default value in every section comes back unchanged.
        const json custom = json::parse(R"({"name": "x", "algorithm": "dapo", "seed": 7, "threads": 2, "steps": 9,
            "sampling": {"group_size": 4, "top_k": 5, "top_p": 0.5}, "algo": {"kl_estimator": "k1", "epochs": 2},
            "gcpo": {"kernel": "rbf", "rbf_gamma": 0.5, "estimator": "permutation", "samples": 64, "accuracy_weight": 0.25},
            "optim": {"schedule": "cosine", "warmup_steps": 3, "micro_batch": 4}, "eval": {"k": [1, 4], "samples": 4},
            "storage": {"rollouts": "every_n", "rollouts_every": 3}, "checkpoint": {"keep": 2}})");
        const RunConfig c = resolveRunConfig(custom);
        QCOMPARE(c.algo.clipHigh, 0.28);  // implied by dapo
        QVERIFY(c.algo.klEstimator == KlEstimator::K1);
        QCOMPARE(c.gcpo.estimator, CreditEstimator::Permutation);
        QVERIFY(c.storage.rollouts == RolloutStorage::EveryN);
        QVERIFY(c.optim.schedule == LrScheduleKind::Cosine);
        QCOMPARE(toJson(c), withDefaults(custom));
        QCOMPARE(toJson(resolveRunConfig(toJson(c))), toJson(c));
    }

    void everyProblemListedByPath() {
        const json bad = json::parse(R"({
            "sampling": {"group_size": 1, "temperature": "hot", "top_p": 3},
            "eval": {"samples": 4, "k": [1, 8]},
            "algo": {"loss_agg": "sum"},
            "colour": "red"
        })");
        std::vector<ConfigIssue> issues = validateConfig(bad);
        QCOMPARE(issues.size(), size_t(1));  // unknown keys are reported first, alone
        QCOMPARE(issues[0].path, std::string("colour"));
        json b2 = bad;
        b2.erase("colour");
        issues = validateConfig(b2);
        QStringList paths;
        for (const auto& i : issues) paths << QString::fromStdString(i.path);
        QVERIFY(paths.contains("sampling.temperature"));
        QVERIFY(paths.contains("sampling.top_p"));
        QVERIFY(paths.contains("algo.loss_agg"));
        b2["sampling"]["temperature"] = 1.0;
        b2["sampling"]["top_p"] = 1.0;
        b2["algo"]["loss_agg"] = "token-mean";
        issues = validateConfig(b2);
        paths.clear();
        for (const auto& i : issues) paths << QString::fromStdString(i.path);
        QVERIFY(paths.contains("sampling.group_size"));  // G < 2
        QVERIFY(paths.contains("eval.k"));               // k > n
        try {
            resolveRunConfig(b2);
            QFAIL("invalid config accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY(QString(e.what()).contains("eval.k: k = 8 exceeds eval.samples = 4"));
        }
        QCOMPARE(validateConfig(json::parse(R"({"sampling": 3})"))[0].path, std::string("sampling"));
        QCOMPARE(validateConfig(json::parse(R"({"device": "tpu"})"))[0].path, std::string("device"));
        // task families are checked by the task suite itself, with their key paths
        const auto t = validateConfig(json::parse(R"({"tasks": {"families": [{"name": "countdown"}, {"name": "chess"}]}})"));
        QCOMPARE(t.size(), size_t(1));
        QVERIFY2(QString::fromStdString(t[0].path).startsWith("tasks.families"), t[0].path.c_str());
    }

    void algorithmImpliesSettings() {
        const RunConfig dapo = resolveRunConfig(json{{"algorithm", "dapo"}});
        QCOMPARE(dapo.algo.clipHigh, 0.28);
        QVERIFY(dapo.algo.lossAgg == LossAggregation::TokenMean);
        QVERIFY(dapo.algo.filterZeroStd);
        const RunConfig dr = resolveRunConfig(json{{"algorithm", "dr_grpo"}, {"algo", {{"loss_agg", "token-mean"}}}});
        QVERIFY(!dr.algo.scaleByStd);
        QVERIFY(dr.algo.lossAgg == LossAggregation::TokenMean);  // user wins
        // an override of the algorithm brings its implied settings too
        QVERIFY(resolveRunConfig(json::object(), {"algorithm=dapo"}).algo.filterZeroStd);
    }

    void overrides() {
        json c = json::object();
        applyOverride(c, "sampling.group_size=16");
        applyOverride(c, "algorithm=grpo");
        applyOverride(c, "eval.k=[1,4]");
        QCOMPARE(c["sampling"]["group_size"].get<int>(), 16);
        QCOMPARE(c["algorithm"].get<std::string>(), std::string("grpo"));
        QCOMPARE(c["eval"]["k"].size(), size_t(2));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, applyOverride(c, "sampling.groupsize=3"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, applyOverride(c, "novalue"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, applyOverride(c, "sampling.group_size=abc"));
        {  // through a value that is not an object (found by fuzz_run_config): named, nothing written
            json odd = {{"gcpo", 1}};
            try {
                applyOverride(odd, "gcpo.estimator=permutation");
                QFAIL("an override through a number accepted");
            } catch (const std::invalid_argument& e) {
                QVERIFY2(QString(e.what()).contains("'gcpo' is not an object"), e.what());
            }
            QVERIFY(odd == json({{"gcpo", 1}}));
        }
        // In the one resolution, bad overrides are listed with every other problem.
        try {
            resolveRunConfig(json{{"sampling", {{"top_p", 3}}}}, {"sampling.groupsize=3", "novalue", "seed=5"});
            QFAIL("invalid overrides accepted");
        } catch (const std::invalid_argument& e) {
            const QString msg = e.what();
            QVERIFY2(msg.contains("3 problems"), e.what());
            QVERIFY2(msg.contains("--set: sampling.groupsize=3: unknown key sampling.groupsize"), e.what());
            QVERIFY2(msg.contains("--set: novalue"), e.what());
            QVERIFY2(msg.contains("sampling.top_p"), e.what());
        }
        QCOMPARE(resolveRunConfig(json::object(), {"seed=5", "name=a b"}).seed, uint64_t(5));
        // A string setting takes a JSON string literal decoded, anything else as it is.
        QCOMPARE(resolveRunConfig(json::object(), {"name=\"a \\\"b\\\"\""}).name, std::string("a \"b\""));
        QCOMPARE(resolveRunConfig(json::object(), {"name=\"open"}).name, std::string("\"open"));
        QCOMPARE(resolveRunConfig(json::object(), {"name=x\"\""}).name, std::string("x\"\""));
        // An empty (or blank) name is refused by the one validation, however it is written.
        for (const char* empty : {"name=", "name=\"\"", "name=  "}) {
            try {
                resolveRunConfig(json::object(), {empty});
                QFAIL(empty);
            } catch (const std::invalid_argument& e) {
                QVERIFY2(QString(e.what()).contains("name: must not be empty"), e.what());
            }
        }
        QCOMPARE(validateConfig(json{{"name", ""}}).size(), size_t(1));
    }

    void algorithmTableDrivesEverything() {
        const ConfigField* algorithm = findField("algorithm");
        QVERIFY(algorithm);
        QCOMPARE(algorithm->choices, algorithmNames());
        for (const AlgorithmInfo& a : algorithms()) {
            QCOMPARE(algorithmFromString(a.name), a.id);
            QCOMPARE(std::string(toString(a.id)), std::string(a.name));
            QVERIFY(a.advantage != nullptr);
            QVERIFY2(algorithm->help.find(a.name) != std::string::npos, a.name);
            // the preset is a valid config whose implied settings hold
            const RunConfig c = resolveRunConfig(algorithmPreset(a.id));
            QCOMPARE(c.algorithm, a.id);
            for (const auto& fieldPath : a.fields) QVERIFY2(findField(fieldPath), fieldPath.c_str());
            // a preset file, where one exists, agrees with the table
            std::ifstream in(std::string(GCPO_TEST_RESOURCES) + "/presets/" + a.name + ".json");
            if (in) {
                const json file = json::parse(in);
                QCOMPARE(toJson(resolveRunConfig(file))["algo"], toJson(c)["algo"]);
                QCOMPARE(file.at("algorithm").get<std::string>(), std::string(a.name));
            }
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, algorithmFromString("ppo"));
        // which fields each algorithm reads
        QVERIFY(algorithmUsesField(Algorithm::Gcpo, "gcpo.accuracy_weight", true));
        QVERIFY(!algorithmUsesField(Algorithm::Grpo, "gcpo.accuracy_weight", true));
        QVERIFY(!algorithmUsesField(Algorithm::Gcpo, "algo.diversity_coef", true));
        QVERIFY(algorithmUsesField(Algorithm::GrpoDiversityBonus, "algo.diversity_coef", false));
        QVERIFY(algorithmUsesField(Algorithm::Grpo, "gcpo.kernel", true));      // monitored coverage
        QVERIFY(!algorithmUsesField(Algorithm::Grpo, "gcpo.kernel", false));    // monitoring off
        QVERIFY(!algorithmUsesField(Algorithm::Gcpo, "gcpo.monitor", true));    // GCPO always computes credit
        QVERIFY(algorithmUsesField(Algorithm::Dapo, "algo.clip_high", false));  // common to all
        QVERIFY(algorithmUsesField(Algorithm::Dapo, "sampling.group_size", false));
        // the exact-credit limit applies to the algorithm that needs credit only
        QVERIFY(!validateConfig(json{{"algorithm", "gcpo"}, {"sampling", {{"group_size", 32}}}}).empty());
        QVERIFY(validateConfig(json{{"algorithm", "grpo"}, {"sampling", {{"group_size", 32}}}}).empty());
    }

    void creditSettingsReadOnce() {
        // A run's stored config and a credit request give the same typed credit settings.
        const json run = json::parse(R"({"seed": 9, "algo": {"scale_by_std": false, "name": "ignored"},
            "gcpo": {"kernel": "rbf", "rbf_gamma": 0.5, "accuracy_weight": 0.3, "estimator": "leave_one_out"},
            "lr": 0.1})");
        const CreditConfig a = creditConfigFromRunJson(run);
        QCOMPARE(a.kernel, KernelKind::Rbf);
        QCOMPARE(a.rbfGamma, 0.5);
        QCOMPARE(a.accuracyWeight, 0.3);
        QCOMPARE(a.estimator, CreditEstimator::LeaveOneOut);
        QCOMPARE(a.seed, uint64_t(9));
        QVERIFY(!a.scaleByStd);
        QCOMPARE(a.volumeScale, 1.0);  // absent: the table's default
        const CreditConfig b = readCreditConfig(json::parse(R"({"seed": 9, "scale_by_std": false, "kernel": "rbf",
            "rbf_gamma": 0.5, "accuracy_weight": 0.3, "estimator": "leave_one_out"})"),
                                                "");
        QCOMPARE(b.kernel, a.kernel);
        QCOMPARE(b.accuracyWeight, a.accuracyWeight);
        QCOMPARE(b.seed, a.seed);
        QCOMPARE(b.scaleByStd, a.scaleByStd);
        // one range check, one message, in both
        try {
            creditConfigFromRunJson(json::parse(R"({"gcpo": {"accuracy_weight": 1.5}})"));
            QFAIL("accuracy_weight 1.5 accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains("gcpo.accuracy_weight: value 1.5 out of range [0, 1]"), e.what());
        }
        try {
            readCreditConfig(json::parse(R"({"accuracy_weight": 1.5})"), "");
            QFAIL("accuracy_weight 1.5 accepted");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(QString(e.what()), QString("accuracy_weight: value 1.5 out of range [0, 1]"));
        }
    }

    void oneLearningRateSchedule() {
        using gcpo::LrSchedule;
        // constant, no warm-up: the peak at every update
        QCOMPARE(gcpo::learningRate(LrSchedule{0.5, 0, 10, false, 0.1}, 0), 0.5);
        QCOMPARE(gcpo::learningRate(LrSchedule{0.5, 0, 10, false, 0.1}, 9), 0.5);
        // warm-up: peak * (u + 1) / (W + 1), then the peak
        const LrSchedule w{1.0, 3, 10, false, 0.1};
        QCOMPARE(gcpo::learningRate(w, 0), 0.25);
        QCOMPARE(gcpo::learningRate(w, 2), 0.75);
        QCOMPARE(gcpo::learningRate(w, 3), 1.0);
        // cosine: peak at the end of warm-up, midpoint (peak + floor) / 2, the floor at the last update
        const LrSchedule c{1.0, 2, 12, true, 0.1};
        QCOMPARE(gcpo::learningRate(c, 2), 1.0);
        QVERIFY(std::abs(gcpo::learningRate(c, 7) - 0.55) < 1e-12);
        QVERIFY(std::abs(gcpo::learningRate(c, 12) - 0.1) < 1e-12);
        // a run config's schedule is that schedule
        const RunConfig r =
            resolveRunConfig(json{{"steps", 12}, {"optim", {{"lr", 1.0}, {"warmup_steps", 2}, {"schedule", "cosine"}}}});
        for (int64_t u = 0; u < 12; ++u) QCOMPARE(gcpo::learningRate(lrSchedule(r), u), gcpo::learningRate(c, u));
    }
};

QTEST_APPLESS_MAIN(TestConfig)
#include "test_config.moc"
