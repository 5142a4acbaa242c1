// Smoke test of `gcpo-train tasks list|sample|import` and `gcpo-train verify`: the real binary,
// JSON lines in and out, line-numbered errors and exit codes.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

class TestCliTasks : public QObject {
    Q_OBJECT
    QString m_exe = qEnvironmentVariable("GCPO_TRAIN");
    QString m_data = qEnvironmentVariable("GCPO_TEST_DATA");

    struct Result {
        int code;
        QByteArray out, err;
    };
    Result run(const QStringList& args, const QByteArray& stdinData = {}) {
        QProcess p;
        p.start(m_exe, args);
        p.write(stdinData);
        p.closeWriteChannel();
        if (!p.waitForFinished(60000)) return {-1, {}, "timeout"};
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }
    static QList<QJsonObject> jsonLines(const QByteArray& out) {
        QList<QJsonObject> objs;
        for (const QByteArray& line : out.split('\n')) {
            if (line.isEmpty()) continue;
            QJsonParseError err;
            const QJsonDocument d = QJsonDocument::fromJson(line, &err);
            if (err.error != QJsonParseError::NoError || !d.isObject()) return {};
            objs.append(d.object());
        }
        return objs;
    }

private slots:
    void initTestCase() {
        QVERIFY2(QFileInfo(m_exe).isExecutable(), "GCPO_TRAIN must point at gcpo-train");
        QVERIFY2(QFileInfo(m_data).isDir(), "GCPO_TEST_DATA must point at tests/data");
    }

    void listNamesEveryFamily() {
        const Result r = run({"tasks", "list"});
        QCOMPARE(r.code, 0);
        for (const char* name : {"countdown", "sum-decomposition", "arithmetic", "linear-equation", "gsm8k", "math"})
            QVERIFY2(r.out.contains(QByteArray(name) + "\t"), name);
    }

    void sampleIsDeterministicAndVerifies() {
        const QStringList args{"tasks", "sample", "--family", "countdown", "--seed", "3", "--n", "5", "--split", "test"};
        const Result a = run(args);
        QCOMPARE(a.code, 0);
        QCOMPARE(run(args).out, a.out);
        const QList<QJsonObject> tasks = jsonLines(a.out);
        QCOMPARE(tasks.size(), 5);
        QByteArray verifyIn;
        for (const QJsonObject& t : tasks) {
            QCOMPARE(t["family"].toString(), QString("countdown"));
            QVERIFY(t["prompt"].toString().endsWith("\n"));
            QCOMPARE(t["data"].toObject()["split"].toString(), QString("test"));
            const QJsonArray sols = t["solutions"].toArray();
            QVERIFY(!sols.isEmpty());
            QJsonObject good{{"family", "countdown"}, {"task", t}, {"completion", "<answer>" + sols[0].toString() + "</answer>"}};
            QJsonObject bad{{"family", "countdown"}, {"task", t}, {"completion", "<answer>99*99*99</answer>"}};
            verifyIn += QJsonDocument(good).toJson(QJsonDocument::Compact) + "\n" +
                        QJsonDocument(bad).toJson(QJsonDocument::Compact) + "\n";
        }
        const Result v = run({"verify", "-", "--format-reward", "0.1"}, verifyIn);
        QCOMPARE(v.code, 0);
        const QList<QJsonObject> verdicts = jsonLines(v.out);
        QCOMPARE(verdicts.size(), 10);
        for (int i = 0; i < 10; ++i) {
            QCOMPARE(verdicts[i]["line"].toInt(), i + 1);
            QCOMPARE(verdicts[i]["correct"].toBool(), i % 2 == 0);
            QCOMPARE(verdicts[i]["reward"].toDouble(), i % 2 == 0 ? 1.0 : 0.1);
            QVERIFY(verdicts[i]["well_formatted"].toBool());
            QVERIFY(verdicts[i].contains("canonical") && verdicts[i].contains("parsed_answer") && verdicts[i].contains("error"));
        }
        // the mixture from a suite config file
        QTemporaryDir dir;
        QFile cfg(dir.filePath("suite.json"));
        QVERIFY(cfg.open(QIODevice::WriteOnly));
        cfg.write(R"({"families":[{"name":"sum-decomposition"},{"name":"linear-equation","weight":2}],"format_reward":0.1})");
        cfg.close();
        const Result m = run({"tasks", "sample", "--config", cfg.fileName(), "--n", "30"});
        QCOMPARE(m.code, 0);
        const QList<QJsonObject> mixed = jsonLines(m.out);
        QCOMPARE(mixed.size(), 30);
        QSet<QString> fams;
        for (const QJsonObject& t : mixed) fams.insert(t["family"].toString());
        QCOMPARE(fams, QSet<QString>({"sum-decomposition", "linear-equation"}));
    }

    void sampleRejectsBadArguments_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("needle");
        QTest::newRow("unknown family") << QStringList{"tasks", "sample", "--family", "chess"} << "unknown task family 'chess'";
        QTest::newRow("bad option") << QStringList{"tasks", "sample", "--family", "countdown", "--options", R"({"count":9})"}
                                    << "count: must be in";
        QTest::newRow("bad options json") << QStringList{"tasks", "sample", "--family", "countdown", "--options", "{"}
                                          << "--options: not valid JSON";
        QTest::newRow("bad split") << QStringList{"tasks", "sample", "--family", "countdown", "--split", "dev"} << "split";
        QTest::newRow("no family") << QStringList{"tasks", "sample"} << "--family or --config";
        QTest::newRow("gsm8k without data") << QStringList{"tasks", "sample", "--family", "gsm8k"} << "options.path";
    }
    void sampleRejectsBadArguments() {
        QFETCH(QStringList, args);
        QFETCH(QString, needle);
        const Result r = run(args);
        QCOMPARE(r.code, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(QString(r.err).contains(needle), r.err.constData());
    }

    void verifyReportsBadLinesInOrder() {
        // one good line, four bad input lines, three completions judged on their merits
        QFile file(m_data + "/tasks_verify_bad.jsonl");
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray in = file.readAll();
        const Result r = run({"verify", "-"}, in);
        QCOMPARE(r.code, 2);
        const QList<QJsonObject> v = jsonLines(r.out);
        QCOMPARE(v.size(), 8);
        const bool correct[] = {true, false, false, false, false, true, true, false};
        const char* errors[] = {"",
                                "line 2: not valid JSON",
                                "line 3: unknown task family 'chess'",
                                "line 4: task.data.target: missing key",
                                "line 5: completion: missing key",
                                "",
                                "",
                                "syntax error: unbalanced parentheses"};
        for (int i = 0; i < 8; ++i) {
            QCOMPARE(v[i]["line"].toInt(), i + 1);
            QCOMPARE(v[i]["correct"].toBool(), correct[i]);
            QVERIFY2(v[i]["error"].toString().contains(errors[i]), qPrintable(v[i]["error"].toString()));
            QCOMPARE(v[i]["input_error"].toBool(), i >= 1 && i <= 4);
        }
        QVERIFY(r.err.contains("invalid"));

        // a file argument works the same, and a missing file is named
        const Result f = run({"verify", m_data + "/tasks_verify.jsonl"});
        QCOMPARE(f.code, 0);
        QCOMPARE(jsonLines(f.out).size(), 3);
        const Result missing = run({"verify", "/nonexistent/v.jsonl"});
        QCOMPARE(missing.code, 2);
        QVERIFY(missing.err.contains("/nonexistent/v.jsonl"));
    }

    void importReportsKeptAndSkipped_data() {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("kept");
        QTest::addColumn<int>("skipped");
        QTest::newRow("gsm8k") << "gsm8k"
                               << "tasks_gsm8k.jsonl" << 4 << 5;
        QTest::newRow("math") << "math"
                              << "tasks_math.jsonl" << 4 << 4;
    }
    void importReportsKeptAndSkipped() {
        QFETCH(QString, format);
        QFETCH(QString, file);
        QFETCH(int, kept);
        QFETCH(int, skipped);
        QTemporaryDir dir;
        const QString out = dir.filePath("tasks.jsonl");
        const Result r = run({"tasks", "import", "--format", format, m_data + "/" + file, "--out", out});
        QCOMPARE(r.code, 2);  // lines were skipped: exit 2, after the summary and the kept tasks were written
        QVERIFY2(r.err.contains(QString("%1 of %2 lines were skipped").arg(skipped).arg(kept + skipped).toUtf8()),
                 r.err.constData());
        const QJsonObject s = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(s["kept"].toInt(), kept);
        QCOMPARE(s["skipped"].toInt(), skipped);
        const QJsonArray lines = s["skipped_lines"].toArray();
        QCOMPARE(lines.size(), skipped);
        QVERIFY(lines[0].toObject()["line"].toInt() > 0 && !lines[0].toObject()["reason"].toString().isEmpty());
        QCOMPARE(r.err.count("skipped:"), skipped);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(jsonLines(f.readAll()).size(), kept);

        // A file whose every line imports exits 0.
        const QString cleanPath = dir.filePath("clean.jsonl");
        QFile clean(cleanPath);
        QVERIFY(clean.open(QIODevice::WriteOnly));
        clean.write(format == "gsm8k" ? "{\"question\": \"2+2?\", \"answer\": \"2+2=4\\n#### 4\"}\n\n"
                                      : "{\"problem\": \"2+2?\", \"solution\": \"It is \\\\boxed{4}.\"}\n\n");
        clean.close();
        const Result ok = run({"tasks", "import", "--format", format, cleanPath});
        QVERIFY2(ok.code == 0, ok.err.constData());
        QCOMPARE(QJsonDocument::fromJson(ok.out).object()["kept"].toInt(), 1);

        const Result missing = run({"tasks", "import", "--format", format, "/nonexistent/data.jsonl"});
        QCOMPARE(missing.code, 2);
        QVERIFY(missing.err.contains("/nonexistent/data.jsonl"));
        QCOMPARE(run({"tasks", "import", "--format", "csv", m_data + "/" + file}).code, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliTasks)
#include "test_cli_tasks.moc"
