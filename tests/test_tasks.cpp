// Unit tests of the countdown verifier: exact rationals, the expression parser on good and bad
// input, canonical forms, and the enumerated solution sets against an independent brute force
// that writes out every fully parenthesised expression and runs it through the parser.
#include <QtTest>

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <set>

#include "tasks/countdown.h"
#include "tasks/expression.h"
#include "tasks/rational.h"
#include "tasks/task.h"

using namespace gcpo::tasks;

namespace {

// Every fully parenthesised expression string over the numbers in `order` (all tree shapes, all
// operator choices), appended to out.
void allExpressions(const std::vector<int64_t>& order, size_t lo, size_t hi, std::vector<std::string>& out) {
    if (hi - lo == 1) {
        out.push_back(std::to_string(order[lo]));
        return;
    }
    for (size_t mid = lo + 1; mid < hi; ++mid) {
        std::vector<std::string> left, right;
        allExpressions(order, lo, mid, left);
        allExpressions(order, mid, hi, right);
        for (const auto& l : left)
            for (const auto& r : right)
                for (const char* op : {"+", "-", "*", "/"}) out.push_back("(" + l + op + r + ")");
    }
}

// Brute force: every ordered selection of the numbers (subsets by index, all permutations), every
// expression over it, parsed and evaluated by the real parser; canonical forms of those that hit.
std::set<std::string> bruteForceSolutions(const std::vector<int64_t>& numbers, int64_t target, bool useAll) {
    std::set<std::string> found;
    const size_t n = numbers.size();
    for (uint32_t mask = 1; mask < (1u << n); ++mask) {
        if (useAll && mask != (1u << n) - 1) continue;
        std::vector<size_t> idx;
        for (size_t i = 0; i < n; ++i)
            if (mask & (1u << i)) idx.push_back(i);
        do {
            std::vector<int64_t> order;
            for (size_t i : idx) order.push_back(numbers[i]);
            std::vector<std::string> exprs;
            allExpressions(order, 0, order.size(), exprs);
            for (const std::string& s : exprs) {
                std::string err;
                ExprPtr e = parseExpression(s, &err);
                if (!e) throw std::logic_error("brute force wrote an unparseable expression: " + s);
                try {
                    if (evaluate(*e) == Rational(target)) found.insert(canonicalForm(*e));
                } catch (const DivisionByZeroError&) {}
            }
        } while (std::next_permutation(idx.begin(), idx.end()));
    }
    return found;
}

}  // namespace

class TestTasks : public QObject {
    Q_OBJECT
private slots:
    void rationalArithmetic() {
        QCOMPARE(Rational(6, -4).toString(), std::string("-3/2"));
        QCOMPARE((Rational(1, 2) + Rational(1, 3)).toString(), std::string("5/6"));
        QCOMPARE((Rational(1, 2) - Rational(5, 6)).toString(), std::string("-1/3"));
        QCOMPARE((Rational(3, 4) * Rational(8, 9)).toString(), std::string("2/3"));
        QCOMPARE((Rational(3) / Rational(-6)).toString(), std::string("-1/2"));
        QVERIFY(Rational(1, 3) < Rational(1, 2));
        QVERIFY(!(Rational(-1, 2) < Rational(-2, 3)));
        QVERIFY(Rational(10, 5).isInteger());
        QVERIFY_THROWS_EXCEPTION(DivisionByZeroError, Rational(1) / Rational(0));
        QVERIFY_THROWS_EXCEPTION(DivisionByZeroError, Rational(1, 0));
        const int64_t big = std::numeric_limits<int64_t>::max();
        QVERIFY_THROWS_EXCEPTION(OverflowError, Rational(big) + Rational(1));
        QVERIFY_THROWS_EXCEPTION(OverflowError, Rational(4000000000LL) * Rational(4000000000LL) * Rational(4000000000LL));
        QVERIFY_THROWS_EXCEPTION(OverflowError, Rational(1, big) - Rational(1, big - 1));
        // an intermediate beyond 64 bits that reduces back into range is fine
        QCOMPARE((Rational(big, 3) * Rational(3, big)).toString(), std::string("1"));
        QCOMPARE((Rational(big) - Rational(big)).toString(), std::string("0"));
    }

    void rationalParse_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");  // "" = rejected
        QTest::newRow("int") << "42"
                             << "42";
        QTest::newRow("neg") << "-7"
                             << "-7";
        QTest::newRow("plus") << "+7"
                              << "7";
        QTest::newRow("decimal") << "18.0"
                                 << "18";
        QTest::newRow("decimal frac") << "-1.25"
                                      << "-5/4";
        QTest::newRow("leading dot") << ".5"
                                     << "1/2";
        QTest::newRow("fraction") << "6/8"
                                  << "3/4";
        QTest::newRow("zero den") << "1/0"
                                  << "";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("sign only") << "-"
                                   << "";
        QTest::newRow("letters") << "12a"
                                 << "";
        QTest::newRow("two dots") << "1.2.3"
                                  << "";
        QTest::newRow("huge") << "123456789012345678901234567890"
                              << "";
        QTest::newRow("huge den") << "1/1267650600228229401496703205376"
                                  << "";
    }
    void rationalParse() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const auto r = Rational::parse(text.toStdString());
        if (expected.isEmpty()) {
            QVERIFY2(!r, qPrintable(text));
        } else {
            QVERIFY2(r.has_value(), qPrintable(text));
            QCOMPARE(QString::fromStdString(r->toString()), expected);
        }
    }

    void parseGood_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("number") << "7"
                                << "7"
                                << "7";
        QTest::newRow("precedence") << "3+4*5"
                                    << "23"
                                    << "3+4*5";
        QTest::newRow("left assoc minus") << "10-3-2"
                                          << "5"
                                          << "10-2-3";
        QTest::newRow("left assoc div") << "12/3/2"
                                        << "2"
                                        << "12/2/3";
        QTest::newRow("parens") << "(3+4)*5"
                                << "35"
                                << "5*(3+4)";
        QTest::newRow("spaces") << "  ( 12 - 7 ) * 3 "
                                << "15"
                                << "3*(12-7)";
        QTest::newRow("nested") << "((((2))))"
                                << "2"
                                << "2";
        QTest::newRow("fraction result") << "7/2"
                                         << "7/2"
                                         << "7/2";
        QTest::newRow("negative result") << "3-10"
                                         << "-7"
                                         << "3-10";
        QTest::newRow("fractional intermediate") << "(1+1/3)*6"
                                                 << "8"
                                                 << "6*(1+1/3)";
        QTest::newRow("unicode ops") << "12\u00d73\u22127\u00f77"
                                     << "35"
                                     << "3*12-7/7";
        QTest::newRow("x as times") << "3x4"
                                    << "12"
                                    << "3*4";
        QTest::newRow("sub of sum") << "12-(3+4)"
                                    << "5"
                                    << "12-3-4";
        QTest::newRow("sub of sub") << "12-(7-3)"
                                    << "8"
                                    << "3+12-7";
        QTest::newRow("div of div") << "12/(6/3)"
                                    << "6"
                                    << "3*12/6";
        QTest::newRow("sorted factors") << "(2+1)*(1+1)"
                                        << "6"
                                        << "(1+1)*(1+2)";
    }
    void parseGood() {
        QFETCH(QString, text);
        QFETCH(QString, value);
        QFETCH(QString, canonical);
        std::string err;
        ExprPtr e = parseExpression(text.toStdString(), &err);
        QVERIFY2(e, err.c_str());
        QCOMPARE(QString::fromStdString(evaluate(*e).toString()), value);
        const std::string c = canonicalForm(*e);
        QCOMPARE(QString::fromStdString(c), canonical);
        // the canonical text parses back to itself and to the same value
        ExprPtr again = parseExpression(c, &err);
        QVERIFY2(again, err.c_str());
        QCOMPARE(canonicalForm(*again), c);
        QCOMPARE(evaluate(*again), evaluate(*e));
    }

    void parseBad_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("needle");
        QTest::newRow("empty") << ""
                               << "empty expression";
        QTest::newRow("blank") << "   "
                               << "empty expression";
        QTest::newRow("open paren") << "(3+4"
                                    << "not closed";
        QTest::newRow("close paren") << "3+4)"
                                     << "unmatched ')'";
        QTest::newRow("empty parens") << "()"
                                      << "unexpected ')'";
        QTest::newRow("trailing op") << "3+"
                                     << "unexpected end";
        QTest::newRow("double op") << "3+*4"
                                   << "operand expected";
        QTest::newRow("unary minus") << "-3+4"
                                     << "unary - is not allowed";
        QTest::newRow("unary in parens") << "3*(-4)"
                                         << "unary - is not allowed";
        QTest::newRow("letters") << "3+a"
                                 << "unexpected 'a'";
        QTest::newRow("juxtaposed") << "3 4"
                                    << "unexpected '4'";
        QTest::newRow("decimal") << "3.5*2"
                                 << "whole numbers";
        QTest::newRow("huge number") << "99999999999999999999+1"
                                     << "too large";
        QTest::newRow("equation") << "3+4=7"
                                  << "unexpected '='";
        QTest::newRow("non-ascii") << "3\xc3\xa9"
                                   << "byte 0xc3";
        QTest::newRow("deep nesting") << QString(200, '(') + "1" + QString(200, ')') << "nested too deeply";
    }
    void parseBad() {
        QFETCH(QString, text);
        QFETCH(QString, needle);
        std::string err;
        ExprPtr e = parseExpression(text.toStdString(), &err);
        QVERIFY(!e);
        QVERIFY2(QString::fromStdString(err).contains(needle), err.c_str());
    }

    // Random token soup: the parser never crashes; whatever it accepts has a canonical form that
    // parses back to itself with the same value (or the same arithmetic error).
    void parserFuzz() {
        std::mt19937_64 rng(42);
        const std::string alphabet = "0123456789+-*/() x";
        int accepted = 0;
        for (int i = 0; i < 20000; ++i) {
            std::string s;
            const int len = 1 + static_cast<int>(rng() % 14);
            for (int k = 0; k < len; ++k)
                s += rng() % 50 == 0 ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()];
            std::string err;
            ExprPtr e = parseExpression(s, &err);
            if (!e) {
                QVERIFY2(!err.empty(), s.c_str());
                continue;
            }
            ++accepted;
            const std::string c = canonicalForm(*e);
            ExprPtr again = parseExpression(c, &err);
            QVERIFY2(again && canonicalForm(*again) == c, (s + " -> " + c).c_str());
            std::vector<int64_t> a = leafNumbers(*e), b = leafNumbers(*again);
            std::sort(a.begin(), a.end());
            std::sort(b.begin(), b.end());
            QVERIFY(a == b);
            std::string v1, v2;
            try {
                v1 = evaluate(*e).toString();
            } catch (const DivisionByZeroError&) {
                v1 = "div0";
            } catch (const OverflowError&) {
                v1 = "overflow";
            }
            try {
                v2 = evaluate(*again).toString();
            } catch (const DivisionByZeroError&) {
                v2 = "div0";
            } catch (const OverflowError&) {
                v2 = "overflow";
            }
            if (v1 != "div0" && v1 != "overflow")
                QCOMPARE(v2, v1);  // reordering may move where a division by zero or overflow happens first
        }
        QVERIFY(accepted > 1000);
    }

    void canonicalMergesReorderings() {
        const std::vector<std::vector<std::string>> classes = {
            {"3+4*5", "5*4+3", "(4*5)+3", "3+(5*4)"},
            {"12-3-4", "12-(3+4)", "12-4-3", "(12-4)-3"},
            {"12*3/4/2", "12/(4*2)*3", "3*12/2/4", "(12/4)*(3/2)"},
            {"(7-3)*12", "12*(7-3)", "((7-3))*12"},
        };
        std::set<std::string> distinct;
        for (const auto& cls : classes) {
            std::string err, first;
            for (const std::string& s : cls) {
                ExprPtr e = parseExpression(s, &err);
                QVERIFY2(e, err.c_str());
                if (first.empty()) first = canonicalForm(*e);
                QCOMPARE(canonicalForm(*e), first);
            }
            distinct.insert(first);
        }
        QCOMPARE(distinct.size(), classes.size());
    }

    void countdownVerdicts_data() {
        QTest::addColumn<QString>("answer");
        QTest::addColumn<bool>("useAll");
        QTest::addColumn<bool>("correct");
        QTest::addColumn<bool>("formatted");
        QTest::addColumn<QString>("needle");
        // numbers 3 3 7 12, target 48
        QTest::newRow("correct") << "(7-3)*12" << false << true << true << "";
        QTest::newRow("duplicate given twice") << "3*(12+7-3)" << false << true << true << "";
        QTest::newRow("use_all ok") << "3*(12+7-3)" << true << true << true << "";
        QTest::newRow("use_all missing") << "(7-3)*12" << true << false << true << "not used";
        QTest::newRow("reuse") << "12*(7-3)+12-12" << false << false << true << "12 is used 3 times but given 1 time";
        QTest::newRow("foreign") << "6*8" << false << false << true << "not one of the given numbers";
        QTest::newRow("wrong value") << "7*3+12" << false << false << true << "evaluates to 33, not 48";
        QTest::newRow("fraction value") << "7/3" << false << false << true << "evaluates to 7/3";
        QTest::newRow("div by zero") << "12/(3-3)" << false << false << true << "division by zero";
        QTest::newRow("unbalanced") << "(7-3*12" << false << false << false << "unbalanced";
        QTest::newRow("garbage") << "forty-eight" << false << false << false << "syntax error";
    }
    void countdownVerdicts() {
        QFETCH(QString, answer);
        QFETCH(bool, useAll);
        QFETCH(bool, correct);
        QFETCH(bool, formatted);
        QFETCH(QString, needle);
        const Task task = CountdownFamily::makeTask({3, 3, 7, 12}, 48, useAll);
        const auto fam = makeFamily("countdown");
        RewardConfig rc;
        rc.formatReward = 0.1;
        const Verdict v = fam->verify(task, "I think\n<answer>" + answer.toStdString() + "</answer>", rc);
        QCOMPARE(v.correct, correct);
        QCOMPARE(v.wellFormatted, formatted);
        QCOMPARE(v.reward, correct ? 1.0 : (formatted ? 0.1 : 0.0));
        QCOMPARE(QString::fromStdString(v.parsedAnswer), answer);
        QVERIFY2(QString::fromStdString(v.error).contains(needle), v.error.c_str());
        if (correct) {
            QVERIFY(v.error.empty());
            QVERIFY(std::find(task.solutions.begin(), task.solutions.end(), v.canonical) != task.solutions.end());
        }
    }

    void countdownOverflowIsRejected() {
        const int64_t big = 4000000000LL;
        const Task task = CountdownFamily::makeTask({big, big, big}, 1, false);
        const auto fam = makeFamily("countdown");
        const Verdict v = fam->verify(task, "<answer>4000000000*4000000000*4000000000</answer>", {});
        QVERIFY(!v.correct);
        QVERIFY(v.wellFormatted);
        QCOMPARE(QString::fromStdString(v.error), QString("arithmetic overflow"));
        // enumeration skips the overflowing products instead of crashing
        QCOMPARE(countdownSolutions({big, big, big}, 1, false), std::vector<std::string>({"4000000000/4000000000"}));
    }

    void answerTagExtraction_data() {
        QTest::addColumn<QString>("completion");
        QTest::addColumn<bool>("found");
        QTest::addColumn<QString>("answer");
        QTest::newRow("plain") << "<answer>5</answer>" << true << "5";
        QTest::newRow("last wins") << "<answer>1</answer> no, <answer> 2 </answer>" << true << "2";
        QTest::newRow("unclosed last") << "<answer>1</answer> <answer>2" << true << "1";
        QTest::newRow("nested open") << "<answer>a<answer>b</answer>" << true << "b";
        QTest::newRow("none") << "the answer is 5" << false << "";
        QTest::newRow("close only") << "5</answer>" << false << "";
        QTest::newRow("empty") << "<answer></answer>" << true << "";
    }
    void answerTagExtraction() {
        QFETCH(QString, completion);
        QFETCH(bool, found);
        QFETCH(QString, answer);
        std::string a = "junk";
        QCOMPARE(extractTaggedAnswer(completion.toStdString(), &a), found);
        QCOMPARE(QString::fromStdString(a), answer);
    }

    void solutionsMatchBruteForce_data() {
        QTest::addColumn<QList<qlonglong>>("numbers");
        QTest::addColumn<bool>("useAll");
        QTest::newRow("3 distinct") << QList<qlonglong>{3, 7, 12} << false;
        QTest::newRow("3 distinct all") << QList<qlonglong>{3, 7, 12} << true;
        QTest::newRow("3 with dup") << QList<qlonglong>{2, 2, 5} << false;
        QTest::newRow("with one") << QList<qlonglong>{1, 4, 6} << false;
        QTest::newRow("4 numbers") << QList<qlonglong>{2, 3, 5, 8} << false;
        QTest::newRow("4 numbers all") << QList<qlonglong>{1, 3, 4, 6} << true;
    }
    void solutionsMatchBruteForce() {
        QFETCH(QList<qlonglong>, numbers);
        QFETCH(bool, useAll);
        const std::vector<int64_t> nums(numbers.begin(), numbers.end());
        // every reachable integer in range, as a target
        const std::vector<int64_t> targets = countdownReachableIntegers(nums, useAll);
        QVERIFY(!targets.empty());
        int checked = 0;
        for (int64_t target : targets) {
            if (target < -5 || target > 60) continue;
            if (nums.size() == 4 && target % 7 != 0) continue;  // keep the 4-number case fast
            const std::vector<std::string> sols = countdownSolutions(nums, target, useAll);
            const std::set<std::string> ref = bruteForceSolutions(nums, target, useAll);
            QVERIFY2(
                std::set<std::string>(sols.begin(), sols.end()) == ref,
                qPrintable(QString("target %1: %2 enumerated vs %3 brute force").arg(target).arg(sols.size()).arg(ref.size())));
            QVERIFY(std::is_sorted(sols.begin(), sols.end()));
            for (const std::string& s : sols) {
                const CountdownCheck c = checkCountdownAnswer(nums, target, useAll, s);
                QVERIFY2(c.correct && c.canonical == s, qPrintable(QString::fromStdString(s + ": " + c.error)));
            }
            ++checked;
        }
        QVERIFY(checked >= 3);
        // an unreachable target has an empty solution set both ways
        QVERIFY(countdownSolutions(nums, 100000, useAll).empty());
        QVERIFY(bruteForceSolutions(nums, 100000, useAll).empty());
    }

    void generatedCountdownIsSolvableAndShort_data() {
        QTest::addColumn<QByteArray>("options");
        QTest::newRow("default") << QByteArray("{}");
        QTest::newRow("four numbers") << QByteArray(R"({"count":4})");
        QTest::newRow("use all") << QByteArray(R"({"use_all":true})");
        QTest::newRow("several answers") << QByteArray(R"({"min_solutions":3})");
        QTest::newRow("any target") << QByteArray(R"({"min_solutions":1,"max_target":30})");
    }
    void generatedCountdownIsSolvableAndShort() {
        QFETCH(QByteArray, options);
        const auto opts = nlohmann::json::parse(options.toStdString());
        const auto fam = makeFamily("countdown", opts);
        const int count = opts.value("count", 3);
        std::mt19937_64 rng(1);
        for (int64_t i = 0; i < 40; ++i) {
            const Split split = i % 2 ? Split::Test : Split::Train;
            const Task t = fam->generate(split, 5, i);
            QCOMPARE(t.data["numbers"].size(), static_cast<size_t>(count));
            QVERIFY(t.data["target"].get<int64_t>() >= 10 && t.data["target"].get<int64_t>() <= opts.value("max_target", 100));
            QVERIFY(!t.solutions.empty());
            QVERIFY(t.solutions.size() >= static_cast<size_t>(opts.value("min_solutions", 2)));
            QVERIFY2(t.prompt.size() <= 40 && t.prompt.back() == '\n', t.prompt.c_str());
            const std::string completion = fam->targetCompletion(t, rng);
            const Verdict v = fam->verify(t, completion, {});
            QVERIFY2(v.correct, (completion + " " + v.error).c_str());
            QVERIFY(std::find(t.solutions.begin(), t.solutions.end(), v.canonical) != t.solutions.end());
            for (char c : t.prompt + completion) QVERIFY(taskAlphabet().find(c) != std::string::npos);
        }
    }

    void targetCompletionIsUniformOverSolutions() {
        const Task t = CountdownFamily::makeTask({2, 3, 6}, 12, false);
        QVERIFY(t.solutions.size() >= 3);
        const auto fam = makeFamily("countdown");
        std::mt19937_64 rng(7);
        std::map<std::string, int> hits;
        const int draws = 400 * static_cast<int>(t.solutions.size());
        for (int i = 0; i < draws; ++i) ++hits[fam->verify(t, fam->targetCompletion(t, rng), {}).canonical];
        QCOMPARE(hits.size(), t.solutions.size());
        for (const auto& [s, n] : hits)
            QVERIFY2(n > 300 && n < 500, qPrintable(QString("%1: %2 of %3").arg(s.c_str()).arg(n).arg(draws)));
    }
};

QTEST_GUILESS_MAIN(TestTasks)
#include "test_tasks.moc"
