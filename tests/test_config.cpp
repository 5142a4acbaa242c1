// Unit tests of the run config: defaults, validation with key paths, overrides, algorithm defaults.
#include <QtTest>

#include "rl/train_config.h"

using namespace gcpo::rl;
using nlohmann::json;

class TestConfig : public QObject {
    Q_OBJECT
private slots:
    void defaultsAreValid() {
        QVERIFY(validateConfig(json::object()).empty());
        const json c = resolveConfig(json::object());
        QCOMPARE(at(c, "sampling.group_size").get<int>(), 8);
        QCOMPARE(at(c, "algorithm").get<std::string>(), std::string("gcpo"));
        for (const auto& fd : configFields()) {
            QVERIFY2(!fd.help.empty() && !fd.label.empty(), fd.path.c_str());  // every field has a tooltip
            QVERIFY(!fd.group.empty());
        }
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
            resolveConfig(b2);
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
        const json dapo = resolveConfig(json{{"algorithm", "dapo"}});
        QCOMPARE(at(dapo, "algo.clip_high").get<double>(), 0.28);
        QCOMPARE(at(dapo, "algo.loss_agg").get<std::string>(), std::string("token-mean"));
        QVERIFY(at(dapo, "algo.filter_zero_std").get<bool>());
        const json dr = resolveConfig(json{{"algorithm", "dr_grpo"}, {"algo", {{"loss_agg", "token-mean"}}}});
        QVERIFY(!at(dr, "algo.scale_by_std").get<bool>());
        QCOMPARE(at(dr, "algo.loss_agg").get<std::string>(), std::string("token-mean"));  // user wins
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
    }
};

QTEST_APPLESS_MAIN(TestConfig)
#include "test_config.moc"
