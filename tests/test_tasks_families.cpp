// Unit tests of the other task families, determinism and split disjointness of every generator,
// GSM8K/MATH answer extraction and import (fixtures in tests/data), and the TaskSuite mixture.
#include <QtTest>

#include <algorithm>
#include <map>
#include <set>

#include "tasks/answer_extraction.h"
#include "tasks/dataset_import.h"
#include "tasks/imported_family.h"
#include "tasks/sum_decomposition.h"
#include "tasks/task.h"
#include "tasks/task_suite.h"

using namespace gcpo::tasks;
using nlohmann::json;

namespace {

const std::vector<std::string> kGenerated = {"countdown", "sum-decomposition", "arithmetic", "linear-equation"};

std::string dataPath(const char* file) { return qEnvironmentVariable("GCPO_TEST_DATA").toStdString() + "/" + file; }

// The instance as a mathematical object, independent of how the prompt presents it.
std::string instanceKey(const Task& t) {
    json d = t.data;
    d.erase("split");
    if (d.contains("numbers")) {
        auto v = d["numbers"].get<std::vector<int64_t>>();
        std::sort(v.begin(), v.end());
        d["numbers"] = v;
    }
    return t.family + d.dump();
}

Verdict verifyAnswer(const TaskFamily& f, const Task& t, const std::string& answer, double formatReward = 0.1) {
    RewardConfig rc;
    rc.formatReward = formatReward;
    return f.verify(t, "<answer>" + answer + "</answer>", rc);
}

}  // namespace

class TestTasksFamilies : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY2(!qEnvironmentVariable("GCPO_TEST_DATA").isEmpty(), "GCPO_TEST_DATA must point at tests/data");
    }

    void deterministicPerSplitSeedIndex() {
        for (const std::string& name : kGenerated) {
            const auto a = makeFamily(name);
            const auto b = makeFamily(name);
            std::set<std::string> prompts;
            for (int64_t i = 0; i < 30; ++i) {
                const Task x = a->generate(Split::Train, 11, i);
                const Task y = b->generate(Split::Train, 11, i);
                QCOMPARE(a->toJson(x).dump(), b->toJson(y).dump());
                QCOMPARE(QString::fromStdString(x.id), QString("%1/train/s11/%2").arg(name.c_str()).arg(i));
                prompts.insert(x.prompt);
            }
            QVERIFY2(prompts.size() >= 20, name.c_str());  // different indices give different tasks
            QVERIFY(a->toJson(a->generate(Split::Train, 11, 0)).dump() != a->toJson(a->generate(Split::Train, 12, 0)).dump());
        }
    }

    void splitsAreDisjoint() {
        for (const std::string& name : kGenerated) {
            const auto f = makeFamily(name);
            std::set<std::string> train, test;
            for (uint64_t seed = 0; seed < 3; ++seed)
                for (int64_t i = 0; i < 150; ++i) {
                    const Task tr = f->generate(Split::Train, seed, i);
                    const Task te = f->generate(Split::Test, seed, i);
                    QCOMPARE(tr.data["split"].get<std::string>(), std::string("train"));
                    QCOMPARE(te.data["split"].get<std::string>(), std::string("test"));
                    train.insert(instanceKey(tr));
                    test.insert(instanceKey(te));
                }
            for (const std::string& k : test) QVERIFY2(!train.count(k), (name + " instance in both splits: " + k).c_str());
            QVERIFY2(test.size() > 30, name.c_str());
        }
    }

    void promptsAndTargetsAreShortAndVerify() {
        for (const std::string& name : kGenerated) {
            const auto f = makeFamily(name);
            QVERIFY(f->enumeratesSolutions());
            std::mt19937_64 rng(3);
            for (int64_t i = 0; i < 50; ++i) {
                const Task t = f->generate(Split::Test, 1, i);
                QVERIFY2(t.prompt.size() <= 40 && t.prompt.back() == '\n', t.prompt.c_str());
                const std::string c = f->targetCompletion(t, rng);
                QVERIFY2(c.size() <= 48, c.c_str());
                for (char ch : t.prompt + c) QVERIFY(taskAlphabet().find(ch) != std::string::npos);
                const Verdict v = f->verify(t, c, {});
                QVERIFY2(v.correct && v.reward == 1.0, (t.prompt + c + " -> " + v.error).c_str());
                QVERIFY(std::find(t.solutions.begin(), t.solutions.end(), v.canonical) != t.solutions.end());
                // the JSON form round-trips, and a task without its solutions gets them back
                const Task back = f->fromJson(f->toJson(t));
                QCOMPARE(f->toJson(back).dump(), f->toJson(t).dump());
                json stripped = f->toJson(t);
                stripped.erase("solutions");
                stripped.erase("prompt");
                const Task rebuilt = f->fromJson(stripped);
                QCOMPARE(rebuilt.solutions, t.solutions);
                QCOMPARE(rebuilt.prompt, t.prompt);
            }
        }
        QCOMPARE(taskAlphabet().size(), size_t(96));
        QCOMPARE(taskAlphabet().front(), '\n');
    }

    void sumDecompositionMatchesBruteForce() {
        const auto f = makeFamily("sum-decomposition");
        std::vector<size_t> counts;
        for (int64_t i = 0; i < 60; ++i) {
            const Task t = f->generate(Split::Train, 2, i);
            const auto set = t.data["set"].get<std::vector<int64_t>>();
            const int k = t.data["k"].get<int>();
            const int64_t n = t.data["target"].get<int64_t>();
            QVERIFY(set.size() == 8 && k >= 2 && k <= 3 && n <= 20);
            std::set<std::string> ref;  // every subset by bitmask
            for (uint32_t mask = 0; mask < (1u << set.size()); ++mask) {
                if (__builtin_popcount(mask) != k) continue;
                int64_t sum = 0;
                std::string s;
                for (size_t j = 0; j < set.size(); ++j)
                    if (mask & (1u << j)) {
                        sum += set[j];
                        s += (s.empty() ? "" : "+") + std::to_string(set[j]);  // set is sorted ascending
                    }
                if (sum == n) ref.insert(s);
            }
            QVERIFY(std::set<std::string>(t.solutions.begin(), t.solutions.end()) == ref);
            QVERIFY(t.solutions.size() >= 3);
            counts.push_back(t.solutions.size());
            for (const std::string& s : t.solutions) QVERIFY(verifyAnswer(*f, t, s).correct);
        }
        std::sort(counts.begin(), counts.end());
        QVERIFY2(counts.front() >= 3 && counts.back() > 3 && counts.back() <= 12, "distinct answers per prompt");
    }

    void sumDecompositionVerdicts_data() {
        QTest::addColumn<QString>("answer");
        QTest::addColumn<bool>("correct");
        QTest::addColumn<bool>("formatted");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<QString>("needle");
        // set 2 3 5 7 9 11, k = 3, target 14
        QTest::newRow("correct") << "2+5+7" << true << true << "2+5+7"
                                 << "";
        QTest::newRow("reordered") << " 7 + 2+5 " << true << true << "2+5+7"
                                   << "";
        QTest::newRow("other") << "3+2+9" << true << true << "2+3+9"
                               << "";
        QTest::newRow("wrong sum") << "2+3+5" << false << true << "2+3+5"
                                   << "sums to 10, not 14";
        QTest::newRow("too few") << "3+11" << false << true << "3+11"
                                 << "3 numbers are required, got 2";
        QTest::newRow("not in set") << "4+3+7" << false << true << "3+4+7"
                                    << "4 is not in the set";
        QTest::newRow("repeat") << "7+7+0" << false << true << "0+7+7"
                                << "0 is not in the set";
        QTest::newRow("repeat in set") << "5+5+2" << false << true << "2+5+5"
                                       << "5 is used more than once";
        QTest::newRow("garbage") << "fourteen" << false << false << ""
                                 << "joined by '+'";
        QTest::newRow("dangling plus") << "2+5+" << false << false << ""
                                       << "joined by '+'";
        QTest::newRow("negative") << "-2+9+7" << false << false << ""
                                  << "joined by '+'";
    }
    void sumDecompositionVerdicts() {
        QFETCH(QString, answer);
        QFETCH(bool, correct);
        QFETCH(bool, formatted);
        QFETCH(QString, canonical);
        QFETCH(QString, needle);
        const Task t = SumDecompositionFamily::makeTask({2, 3, 5, 7, 9, 11}, 3, 14);
        QCOMPARE(t.solutions, std::vector<std::string>({"2+3+9", "2+5+7"}));
        QCOMPARE(t.prompt, std::string("sum 3 of 2 3 5 7 9 11 -> 14\n"));
        const auto f = makeFamily("sum-decomposition");
        const Verdict v = verifyAnswer(*f, t, answer.toStdString());
        QCOMPARE(v.correct, correct);
        QCOMPARE(v.wellFormatted, formatted);
        QCOMPARE(v.reward, correct ? 1.0 : (formatted ? 0.1 : 0.0));
        QCOMPARE(QString::fromStdString(v.canonical), canonical);
        QVERIFY2(QString::fromStdString(v.error).contains(needle), v.error.c_str());
    }

    void singleAnswerFamilies_data() {
        QTest::addColumn<QString>("family");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("answer");
        QTest::addColumn<bool>("correct");
        QTest::addColumn<bool>("formatted");
        const QByteArray mul = R"({"a":347,"op":"*","b":58})";
        QTest::newRow("arith ok") << "arithmetic" << mul << "20126" << true << true;
        QTest::newRow("arith commas") << "arithmetic" << mul << "20,126" << true << true;
        QTest::newRow("arith wrong") << "arithmetic" << mul << "20127" << false << true;
        QTest::newRow("arith junk") << "arithmetic" << mul << "twenty" << false << false;
        QTest::newRow("arith minus") << "arithmetic" << QByteArray(R"({"a":12,"op":"-","b":345})") << "-333" << true << true;
        const QByteArray eq = R"({"a":3,"b":-4,"c":11})";
        QTest::newRow("lin ok") << "linear-equation" << eq << "5" << true << true;
        QTest::newRow("lin x=") << "linear-equation" << eq << "x = 5" << true << true;
        QTest::newRow("lin fraction form") << "linear-equation" << eq << "10/2" << true << true;
        QTest::newRow("lin wrong") << "linear-equation" << eq << "-5" << false << true;
        QTest::newRow("lin junk") << "linear-equation" << eq << "five" << false << false;
    }
    void singleAnswerFamilies() {
        QFETCH(QString, family);
        QFETCH(QByteArray, data);
        QFETCH(QString, answer);
        QFETCH(bool, correct);
        QFETCH(bool, formatted);
        const auto f = makeFamily(family.toStdString());
        const Task t = f->fromJson({{"data", json::parse(data.toStdString())}});
        QVERIFY(t.prompt == "arith 347*58\n" || t.prompt == "arith 12-345\n" || t.prompt == "solve 3x-4=11\n");
        const Verdict v = verifyAnswer(*f, t, answer.toStdString());
        QCOMPARE(v.correct, correct);
        QCOMPARE(v.wellFormatted, formatted);
        QCOMPARE(v.reward, correct ? 1.0 : (formatted ? 0.1 : 0.0));
        QCOMPARE(v.error.empty(), correct);
        // no tags at all: not formatted, no reward
        const Verdict none = f->verify(t, answer.toStdString(), {});
        QVERIFY(!none.correct && !none.wellFormatted && none.reward == 0.0);
    }

    void malformedTaskObjectsNameTheField_data() {
        QTest::addColumn<QString>("family");
        QTest::addColumn<QByteArray>("task");
        QTest::addColumn<QString>("needle");
        QTest::newRow("no data") << "countdown" << QByteArray(R"({"prompt":"x"})") << "data: missing key";
        QTest::newRow("bad number") << "countdown" << QByteArray(R"({"data":{"numbers":[1,"a"],"target":3}})")
                                    << "data.numbers[1]";
        QTest::newRow("no target") << "countdown" << QByteArray(R"({"data":{"numbers":[1,2]}})") << "data.target: missing key";
        QTest::newRow("wrong family") << "countdown" << QByteArray(R"({"family":"arithmetic","data":{}})")
                                      << "family: expected 'countdown'";
        QTest::newRow("unknown key") << "countdown" << QByteArray(R"({"dat":{}})") << "dat: unknown key";
        QTest::newRow("k too big") << "sum-decomposition" << QByteArray(R"({"data":{"set":[1,2],"k":3,"target":3}})") << "data.k";
        QTest::newRow("bad op") << "arithmetic" << QByteArray(R"({"data":{"a":1,"op":"/","b":2}})") << "data.op";
        QTest::newRow("wrong answer") << "arithmetic" << QByteArray(R"({"data":{"a":1,"op":"+","b":2,"answer":4}})")
                                      << "data.answer";
        QTest::newRow("overflow") << "arithmetic" << QByteArray(R"({"data":{"a":9223372036854775807,"op":"+","b":1}})")
                                  << "overflow";
        QTest::newRow("a = 0") << "linear-equation" << QByteArray(R"({"data":{"a":0,"b":1,"c":2}})") << "data.a";
        QTest::newRow("not integer x") << "linear-equation" << QByteArray(R"({"data":{"a":2,"b":0,"c":3}})") << "multiple of a";
        QTest::newRow("gsm8k no gold") << "gsm8k" << QByteArray(R"({"question":"q","answer":"5"})") << "####";
    }
    void malformedTaskObjectsNameTheField() {
        QFETCH(QString, family);
        QFETCH(QByteArray, task);
        QFETCH(QString, needle);
        const auto f = makeFamily(family.toStdString());
        try {
            f->fromJson(json::parse(task.toStdString()));
            QFAIL("accepted a malformed task");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).contains(needle), e.what());
        }
    }

    void familyOptions() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeFamily("sudoku"));
        try {
            makeFamily("countdown", {{"count", 9}});
            QFAIL("count 9 accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).startsWith("count: must be in [2, 5]"), e.what());
        }
        try {
            makeFamily("arithmetic", {{"digits", 2}});
            QFAIL("unknown option accepted");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(QString(e.what()), QString("digits: unknown option"));
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeFamily("sum-decomposition", {{"k_min", 3}, {"k_max", 2}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeFamily("arithmetic", {{"ops", "+/"}}));
        const auto mulOnly = makeFamily("arithmetic", {{"ops", "*"}, {"max_digits", 2}, {"mul_max_digits", 1}});
        for (int64_t i = 0; i < 20; ++i) {
            const Task t = mulOnly->generate(Split::Train, 0, i);
            QCOMPARE(t.data["op"].get<std::string>(), std::string("*"));
            QVERIFY(t.data["a"].get<int64_t>() < 100 && t.data["b"].get<int64_t>() < 10);
        }
        // imported families without data cannot generate, with a clear message
        const auto g = makeFamily("gsm8k");
        try {
            g->generate(Split::Train, 0, 0);
            QFAIL("generated without data");
        } catch (const std::logic_error& e) {
            QVERIFY2(QString(e.what()).contains("options.path"), e.what());
        }
    }

    void gsm8kGoldAndBoxed() {
        QCOMPARE(gsm8kGold("a\n#### 72").value(), std::string("72"));
        QCOMPARE(gsm8kGold("#### 1 #### 2 ").value(), std::string("2"));
        QVERIFY(!gsm8kGold("no gold"));
        QVERIFY(!gsm8kGold("#### "));
        QCOMPARE(lastBoxed("\\boxed{1} and \\boxed{\\frac{a}{b}}").value(), std::string("\\frac{a}{b}"));
        QCOMPARE(lastBoxed("x \\boxed {\\{1,2\\}} y").value(), std::string("\\{1,2\\}"));
        QCOMPARE(lastBoxed("\\fbox{3}").value(), std::string("3"));
        QVERIFY(!lastBoxed("\\boxed{\\frac{1}{2}"));
        QVERIFY(!lastBoxed("nothing"));
    }

    void finalAnswerExtraction_data() {
        QTest::addColumn<QString>("completion");
        QTest::addColumn<QString>("answer");
        QTest::addColumn<QString>("source");
        QTest::newRow("tag wins") << "#### 3 \\boxed{4} <answer>5</answer> 6"
                                  << "5"
                                  << "answer_tag";
        QTest::newRow("hashes") << "so 5 apples\n#### 7\nbye 9"
                                << "7"
                                << "hashes";
        QTest::newRow("boxed") << "thus \\boxed{\\frac{1}{2}}. 9"
                               << "\\frac{1}{2}"
                               << "boxed";
        QTest::newRow("last number") << "I get 12 then 1,234.5 apples."
                                     << "1,234.5"
                                     << "last_number";
        QTest::newRow("negative") << "it drops to -3"
                                  << "-3"
                                  << "last_number";
        QTest::newRow("range dash") << "pages 3-5"
                                    << "5"
                                    << "last_number";
        QTest::newRow("fraction") << "half is 1/2"
                                  << "1/2"
                                  << "last_number";
        QTest::newRow("nothing") << "no idea"
                                 << ""
                                 << "none";
    }
    void finalAnswerExtraction() {
        QFETCH(QString, completion);
        QFETCH(QString, answer);
        QFETCH(QString, source);
        const FinalAnswer fa = extractFinalAnswer(completion.toStdString());
        QCOMPARE(QString::fromStdString(fa.text), answer);
        QCOMPARE(QString(answerSourceName(fa.source)), source);
    }

    void numericNormalisation_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("normalised");
        QTest::newRow("int") << "72"
                             << "72";
        QTest::newRow("commas") << "1,234,567"
                                << "1234567";
        QTest::newRow("dollar") << "$18.00"
                                << "18";
        QTest::newRow("trailing .0") << "5.0"
                                     << "5";
        QTest::newRow("sentence dot") << "42."
                                      << "42";
        QTest::newRow("decimal") << "0.25"
                                 << "1/4";
        QTest::newRow("fraction") << "6/8"
                                  << "3/4";
        QTest::newRow("frac") << "\\frac{3}{4}"
                              << "3/4";
        QTest::newRow("dfrac neg") << "-\\dfrac{6}{8}"
                                   << "-3/4";
        QTest::newRow("percent") << "50\\%"
                                 << "50";
        QTest::newRow("units") << "5\\text{ cm}"
                               << "5cm";
        QTest::newRow("x =") << "x = -2"
                             << "-2";
        QTest::newRow("degrees") << "90^\\circ"
                                 << "90";
        QTest::newRow("tuple stays") << "(1,2)"
                                     << "(1,2)";
        QTest::newRow("latex text") << "\\left( 3, \\sqrt{2} \\right)"
                                    << "(3,\\sqrt{2})";
        QTest::newRow("text unwrap") << "\\text{(A)}"
                                     << "(A)";
    }
    void numericNormalisation() {
        QFETCH(QString, text);
        QFETCH(QString, normalised);
        QCOMPARE(QString::fromStdString(normaliseAnswer(text.toStdString())), normalised);
    }

    void importedVerification_data() {
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("completion");
        QTest::addColumn<bool>("correct");
        QTest::addColumn<bool>("formatted");
        QTest::newRow("gsm tag") << "gsm8k"
                                 << "3 * 6 = 18 <answer>$18</answer>" << true << true;
        QTest::newRow("gsm hashes") << "gsm8k"
                                    << "work\n#### 18.0" << true << true;
        QTest::newRow("gsm last number") << "gsm8k"
                                         << "it is 18 dollars" << true << false;
        QTest::newRow("gsm wrong") << "gsm8k"
                                   << "<answer>17</answer>" << false << true;
        QTest::newRow("gsm nothing") << "gsm8k"
                                     << "no idea" << false << false;
        QTest::newRow("math boxed") << "math"
                                    << "so \\boxed{0.75}" << true << true;
        QTest::newRow("math frac") << "math"
                                   << "<answer>\\dfrac{3}{4}</answer>" << true << true;
        QTest::newRow("math wrong") << "math"
                                    << "<answer>3/5</answer>" << false << true;
    }
    void importedVerification() {
        QFETCH(QString, family);
        QFETCH(QString, completion);
        QFETCH(bool, correct);
        QFETCH(bool, formatted);
        const auto f = makeFamily(family.toStdString());
        const json record = family == "gsm8k" ? json{{"question", "Cost?"}, {"answer", "3*6=18\n#### 18"}}
                                              : json{{"problem", "p"}, {"solution", "$\\boxed{\\frac{3}{4}}$"}};
        const Task t = f->fromJson(record);
        const Verdict v = f->verify(t, completion.toStdString(), {1.0, 0.1});
        QCOMPARE(v.correct, correct);
        QCOMPARE(v.wellFormatted, formatted);
        QCOMPARE(v.reward, correct ? 1.0 : (formatted ? 0.1 : 0.0));
        // the target completion of a record verifies as correct
        std::mt19937_64 rng(0);
        QVERIFY(f->verify(t, f->targetCompletion(t, rng), {}).correct);
    }

    void importReportsMalformedLines_data() {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QList<int>>("skippedLines");
        QTest::addColumn<QStringList>("reasons");
        QTest::addColumn<QStringList>("golds");
        QTest::newRow("gsm8k") << "gsm8k"
                               << "tasks_gsm8k.jsonl" << QList<int>{4, 5, 6, 7, 9}
                               << QStringList{"not valid JSON", "no '####", "missing key 'answer'", "not a JSON object",
                                              "'question' is empty"}
                               << QStringList{"7", "2400", "9/2", "18"};
        QTest::newRow("math") << "math"
                              << "tasks_math.jsonl" << QList<int>{4, 5, 6, 8}
                              << QStringList{"unbalanced braces", "no \\boxed", "'solution' must be a string", "not valid JSON"}
                              << QStringList{"3/4", "2x", "\\{1,2\\}", "5"};
    }
    void importReportsMalformedLines() {
        QFETCH(QString, format);
        QFETCH(QString, file);
        QFETCH(QList<int>, skippedLines);
        QFETCH(QStringList, reasons);
        QFETCH(QStringList, golds);
        const ImportReport r = importJsonlFile(dataPath(file.toUtf8().constData()), *parseDatasetFormat(format.toStdString()));
        QCOMPARE(r.kept(), size_t(golds.size()));
        QCOMPARE(r.skipped.size(), size_t(skippedLines.size()));
        QCOMPARE(r.lines, int64_t(golds.size() + skippedLines.size()));
        for (int i = 0; i < skippedLines.size(); ++i) {
            QCOMPARE(r.skipped[i].line, int64_t(skippedLines[i]));
            QVERIFY2(QString::fromStdString(r.skipped[i].reason).contains(reasons[i]), r.skipped[i].reason.c_str());
        }
        for (int i = 0; i < golds.size(); ++i) {
            QCOMPARE(QString::fromStdString(r.tasks[i].solutions.at(0)), golds[i]);
            QCOMPARE(r.tasks[i].family, format.toStdString());
            QVERIFY(r.tasks[i].prompt.back() == '\n');
        }
        QCOMPARE(r.summary()["skipped_lines"].size(), size_t(skippedLines.size()));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, importJsonlFile("/nonexistent/x.jsonl", DatasetFormat::Gsm8k));
    }

    void importedFamilyDrawsRecords() {
        const auto f =
            makeFamily("gsm8k", {{"path", dataPath("tasks_gsm8k.jsonl")}, {"test_path", dataPath("tasks_gsm8k.jsonl")}});
        const auto& fam = dynamic_cast<const ImportedFamily&>(*f);
        QCOMPARE(fam.size(Split::Train), size_t(4));
        QCOMPARE(fam.size(Split::Test), size_t(4));
        std::set<std::string> ids;
        for (int64_t i = 0; i < 4; ++i) ids.insert(f->generate(Split::Train, 9, i).id);
        QCOMPARE(ids.size(), size_t(4));  // four consecutive indices visit every record once
        QCOMPARE(f->generate(Split::Train, 9, 2).id, f->generate(Split::Train, 9, 6).id);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, makeFamily("gsm8k", {{"path", "/nonexistent.jsonl"}}));
    }

    void suiteConfigErrorsNameTheKeyPath_data() {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QString>("prefix");
        QTest::newRow("not object") << QByteArray("[]") << "task suite config";
        QTest::newRow("no families") << QByteArray("{}") << "families: missing key";
        QTest::newRow("empty families") << QByteArray(R"({"families":[]})") << "families: must be a non-empty array";
        QTest::newRow("unknown top") << QByteArray(R"({"families":[{"name":"countdown"}],"fmt":1})") << "fmt: unknown key";
        QTest::newRow("format range") << QByteArray(R"({"families":[{"name":"countdown"}],"format_reward":2})")
                                      << "format_reward: must be in [0, 1]";
        QTest::newRow("no name") << QByteArray(R"({"families":[{"weight":1}]})") << "families[0].name";
        QTest::newRow("unknown family") << QByteArray(R"({"families":[{"name":"countdown"},{"name":"chess"}]})")
                                        << "families[1].name: unknown task family 'chess'";
        QTest::newRow("duplicate") << QByteArray(R"({"families":[{"name":"countdown"},{"name":"countdown"}]})")
                                   << "families[1].name: family 'countdown' appears twice";
        QTest::newRow("weight") << QByteArray(R"({"families":[{"name":"countdown","weight":0}]})")
                                << "families[0].weight: must be > 0";
        QTest::newRow("typo key") << QByteArray(R"({"families":[{"name":"countdown","wieght":1}]})")
                                  << "families[0].wieght: unknown key";
        QTest::newRow("option") << QByteArray(
                                       R"({"families":[{"name":"arithmetic"},{"name":"countdown","options":{"count":9}}]})")
                                << "families[1].options.count: must be in [2, 5]";
        QTest::newRow("unknown option") << QByteArray(R"({"families":[{"name":"countdown","options":{"cnt":3}}]})")
                                        << "families[0].options.cnt: unknown option";
    }
    void suiteConfigErrorsNameTheKeyPath() {
        QFETCH(QByteArray, config);
        QFETCH(QString, prefix);
        try {
            TaskSuite suite(json::parse(config.toStdString()));
            QFAIL("accepted a bad config");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(QString(e.what()).startsWith(prefix), e.what());
        }
    }

    void suiteSamplesByWeightAndVerifies() {
        const TaskSuite suite(json::parse(
            R"({"families":[{"name":"countdown","weight":3},{"name":"sum-decomposition","weight":1}],"format_reward":0.1})"));
        QCOMPARE(suite.familyNames(), std::vector<std::string>({"countdown", "sum-decomposition"}));
        QCOMPARE(suite.weight("countdown"), 0.75);
        QCOMPARE(suite.reward().formatReward, 0.1);
        std::map<std::string, int> n;
        std::mt19937_64 rng(4);
        const int draws = 2000;
        for (int64_t i = 0; i < draws; ++i) {
            const Task t = suite.sample(Split::Train, 1, i);
            ++n[t.family];
            if (i < 100) {
                QCOMPARE(suite.sample(Split::Train, 1, i).prompt, t.prompt);
                QVERIFY(suite.verify(t, suite.family(t.family).targetCompletion(t, rng)).correct);
                const Verdict wrong = suite.verify(t, "<answer>1+1+1+1+1+1+1+1+1+1+1+1+1</answer>");
                QVERIFY(!wrong.correct);
                QCOMPARE(wrong.reward, wrong.wellFormatted ? 0.1 : 0.0);
            }
        }
        QVERIFY2(n["countdown"] > 1400 && n["countdown"] < 1600, qPrintable(QString::number(n["countdown"])));  // 1500 +- 5 sd
        Task foreign;
        foreign.family = "arithmetic";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, suite.verify(foreign, ""));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, suite.family("math"));
        QCOMPARE(TaskSuite::alphabet(), taskAlphabet());
    }
};

QTEST_GUILESS_MAIN(TestTasksFamilies)
#include "test_tasks_families.moc"
