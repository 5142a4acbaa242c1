// Config panel tests (label gui, offscreen): the task families table round-trips the JSON list and
// names a bad row; data set and path pickers write the config; every preset resets the whole form
// (checked against defaults + the preset, computed by the core); fields the algorithm table says a
// run does not read are disabled; Start is disabled with a reason until a database is chosen; and
// gcpo-workbench --db refuses a missing or foreign file like gcpo-train (exit 2, file unchanged).
#include <QComboBox>
#include <QCryptographicHash>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QAction>
#include <QDir>
#include <QToolButton>
#include <QXmlStreamReader>

#include "config_panel.h"
#include "demo_summary_dialog.h"
#include "main_window.h"
#include "path_edit.h"
#include "rl/algorithms.h"
#include "rl/train_config.h"
#include "store/run_store.h"
#include "task_families_editor.h"
#include "views/compare_data.h"

using namespace gcpo::ui;
using nlohmann::json;

namespace {

TaskFamiliesEditor* familiesEditor(const ConfigPanel& panel) {
    return qobject_cast<TaskFamiliesEditor*>(panel.editor(QStringLiteral("tasks.families")));
}

QString issuesText(const ConfigPanel& panel) { return panel.issues().join(QLatin1Char('\n')); }

QByteArray fileDigest(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

}  // namespace

class TestConfigPanel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void familiesTableRoundTrip();
    void familiesTableNamesBadRow();
    void dataFilePickers();
    void pathFieldsHavePickers();
    void presetResetsWholeForm_data();
    void presetResetsWholeForm();
    void fieldsFollowAlgorithmTable();
    void startNeedsDatabase();
    void workbenchDbOption();
    void demoSummaryFromResource();
    void compareDataKeepsSamples();
    void everyFieldLabelIsTranslated();

private:
    QTemporaryDir m_dir;
};

void TestConfigPanel::initTestCase() {
    Q_INIT_RESOURCE(workbench);
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestConfigPanel::familiesTableRoundTrip() {
    ConfigPanel panel;
    TaskFamiliesEditor* families = familiesEditor(panel);
    QVERIFY(families);
    // The defaults, one row per family.
    const json defaults = gcpo::rl::defaultConfig()["tasks"]["families"];
    QCOMPARE(families->table()->rowCount(), int(defaults.size()));
    QVERIFY(panel.config()["tasks"]["families"] == defaults);

    // A config with weights and options shows them in the cells and comes back unchanged.
    const json mix = json::array(
        {{{"name", "countdown"}, {"weight", 3.0}, {"options", {{"count", 4}}}}, {{"name", "arithmetic"}, {"weight", 0.5}}});
    QVERIFY(panel.setConfig({{"tasks", {{"families", mix}}}}));
    QVERIFY2(panel.isValid(), qPrintable(issuesText(panel)));
    QCOMPARE(families->table()->rowCount(), 2);
    QCOMPARE(families->table()->item(0, TaskFamiliesEditor::ColWeight)->text(), QStringLiteral("3"));
    QVERIFY(json::parse(families->table()->item(0, TaskFamiliesEditor::ColOptions)->text().toStdString()) == mix[0]["options"]);
    QVERIFY2(panel.config()["tasks"]["families"] == mix, panel.config()["tasks"]["families"].dump().c_str());

    // Add (the first family not in the mixture yet) and remove through the buttons.
    QSignalSpy changed(&panel, &ConfigPanel::configChanged);
    families->findChild<QPushButton*>(QStringLiteral("addFamily"))->click();
    QCOMPARE(families->table()->rowCount(), 3);
    QCOMPARE(panel.config()["tasks"]["families"][2]["name"].get<std::string>(), std::string("sum-decomposition"));
    QVERIFY(changed.count() >= 1);
    families->table()->setCurrentCell(0, TaskFamiliesEditor::ColWeight);
    families->findChild<QPushButton*>(QStringLiteral("removeFamily"))->click();
    QCOMPARE(panel.config()["tasks"]["families"].size(), size_t(2));
    QCOMPARE(panel.config()["tasks"]["families"][0]["name"].get<std::string>(), std::string("arithmetic"));

    // Changing the family in a row's combo changes the config.
    families->setFamilyAt(0, QStringLiteral("linear-equation"));
    QCOMPARE(panel.config()["tasks"]["families"][0]["name"].get<std::string>(), std::string("linear-equation"));
    QVERIFY2(panel.isValid(), qPrintable(issuesText(panel)));
}

void TestConfigPanel::familiesTableNamesBadRow() {
    ConfigPanel panel;
    TaskFamiliesEditor* families = familiesEditor(panel);
    QTableWidget* table = families->table();
    table->item(1, TaskFamiliesEditor::ColWeight)->setText(QStringLiteral("heavy"));
    QVERIFY(!panel.isValid());
    QVERIFY2(panel.issueFor(QStringLiteral("tasks.families")).contains(QStringLiteral("row 2")), qPrintable(issuesText(panel)));
    QVERIFY(families->property("gcpoInvalid").toBool());
    table->item(1, TaskFamiliesEditor::ColWeight)->setText(QStringLiteral("2"));
    QVERIFY2(panel.isValid(), qPrintable(issuesText(panel)));

    table->item(0, TaskFamiliesEditor::ColOptions)->setText(QStringLiteral("[{"));
    QVERIFY(panel.issueFor(QStringLiteral("tasks.families")).contains(QStringLiteral("row 1")));
    // An option the family does not know: the core's validator names it.
    table->item(0, TaskFamiliesEditor::ColOptions)->setText(QStringLiteral(R"({"bogus": 1})"));
    QVERIFY2(panel.issueFor(QStringLiteral("tasks.families")).contains(QStringLiteral("bogus")), qPrintable(issuesText(panel)));
    table->item(0, TaskFamiliesEditor::ColOptions)->setText(QString());
    // A weight of 0 parses but the validator refuses it.
    table->item(0, TaskFamiliesEditor::ColWeight)->setText(QStringLiteral("0"));
    QVERIFY(!panel.isValid());
    table->item(0, TaskFamiliesEditor::ColWeight)->setText(QStringLiteral("1"));
    QVERIFY2(panel.isValid(), qPrintable(issuesText(panel)));

    // A families value the table cannot show is kept as given, and the validator names it.
    QVERIFY(panel.setConfig({{"tasks", {{"families", {{"name", "countdown"}}}}}}));
    QVERIFY(!panel.issueFor(QStringLiteral("tasks.families")).isEmpty());
    QVERIFY(panel.config()["tasks"]["families"] == json({{"name", "countdown"}}));
}

void TestConfigPanel::dataFilePickers() {
    const QString gsm8k = qEnvironmentVariable("GCPO_TEST_DATA") + QStringLiteral("/tasks_gsm8k.jsonl");
    QVERIFY2(QFile::exists(gsm8k), qPrintable(gsm8k));
    ConfigPanel panel;
    TaskFamiliesEditor* families = familiesEditor(panel);
    // A generated family reads no file: the pickers are disabled.
    families->table()->setCurrentCell(0, TaskFamiliesEditor::ColWeight);
    QVERIFY(!families->dataFileEdit()->isEnabled());
    QVERIFY(!families->testFileEdit()->isEnabled());

    families->setFamilyAt(0, QStringLiteral("gsm8k"));
    QVERIFY(families->dataFileEdit()->isEnabled());
    QVERIFY(families->dataFileEdit()->browseButton());
    QVERIFY(!panel.isValid());                             // gsm8k without a file
    families->dataFileEdit()->lineEdit()->setText(gsm8k);  // as the Browse dialog does
    QVERIFY2(panel.isValid(), qPrintable(issuesText(panel)));
    QCOMPARE(panel.config()["tasks"]["families"][0]["options"]["path"].get<std::string>(), gsm8k.toStdString());

    families->testFileEdit()->lineEdit()->setText(m_dir.filePath(QStringLiteral("missing.jsonl")));
    QCOMPARE(panel.config()["tasks"]["families"][0]["options"]["test_path"].get<std::string>(),
             m_dir.filePath(QStringLiteral("missing.jsonl")).toStdString());
    QVERIFY(!panel.isValid());  // the core cannot read the test file and says so
    QVERIFY2(panel.issueFor(QStringLiteral("tasks.families")).contains(QStringLiteral("missing.jsonl")),
             qPrintable(issuesText(panel)));
    families->testFileEdit()->lineEdit()->clear();  // empty: the key goes away
    QVERIFY(!panel.config()["tasks"]["families"][0]["options"].contains("test_path"));
    QVERIFY2(panel.isValid(), qPrintable(issuesText(panel)));

    // Options typed by hand show in the pickers when the row is selected again.
    families->table()->setCurrentCell(1, TaskFamiliesEditor::ColWeight);
    QVERIFY(families->dataFileEdit()->text().isEmpty());
    families->table()->setCurrentCell(0, TaskFamiliesEditor::ColWeight);
    QCOMPARE(families->dataFileEdit()->text(), gsm8k);
}

void TestConfigPanel::pathFieldsHavePickers() {
    ConfigPanel panel;
    for (const char* path : {"model.sft_config", "model.checkpoint"}) {
        auto* edit = qobject_cast<PathEdit*>(panel.editor(QString::fromLatin1(path)));
        QVERIFY2(edit, path);
        QVERIFY(edit->browseButton());
        QVERIFY(!edit->toolTip().isEmpty());
    }
    QVERIFY(panel.setConfig({{"model", {{"init", "checkpoint"}}}}));
    auto* checkpoint = qobject_cast<PathEdit*>(panel.editor(QStringLiteral("model.checkpoint")));
    QVERIFY(checkpoint->isEnabled());
    QVERIFY(!panel.editor(QStringLiteral("model.sft_config"))->isEnabled());  // read only for init = sft
    checkpoint->lineEdit()->setText(QStringLiteral("/data/ckpt"));
    QCOMPARE(panel.config()["model"]["checkpoint"].get<std::string>(), std::string("/data/ckpt"));
    QVERIFY(panel.setConfig({{"model", {{"init", "sft"}, {"sft_config", "/x/sft.json"}}}}));
    QCOMPARE(qobject_cast<PathEdit*>(panel.editor(QStringLiteral("model.sft_config")))->text(), QStringLiteral("/x/sft.json"));
    QVERIFY(!checkpoint->isEnabled());
}

void TestConfigPanel::presetResetsWholeForm_data() {
    QTest::addColumn<QString>("id");
    for (const QString& id : ConfigPanel::presetIds()) QTest::newRow(qPrintable(id)) << id;
}

void TestConfigPanel::presetResetsWholeForm() {
    QFETCH(QString, id);
    ConfigPanel panel;
    // Leave marks everywhere: other groups, another algorithm's settings, a task family, and a
    // choice the field does not offer (the combo gains an item for it).
    QVERIFY(panel.setConfig({{"algorithm", "grpo_diversity_bonus"},
                             {"algo", {{"diversity_coef", 7.5}, {"loss_agg", "not-a-mode"}}},
                             {"gcpo", {{"volume_scale", 3.0}}}}));
    qobject_cast<QSpinBox*>(panel.editor(QStringLiteral("steps")))->setValue(123);
    qobject_cast<QSpinBox*>(panel.editor(QStringLiteral("sampling.group_size")))->setValue(3);
    qobject_cast<QLineEdit*>(panel.editor(QStringLiteral("device")))->setText(QStringLiteral("cpu"));
    familiesEditor(panel)->addFamily(QStringLiteral("arithmetic"), 2.0);
    auto* lossAgg = qobject_cast<QComboBox*>(panel.editor(QStringLiteral("algo.loss_agg")));
    const int offered = int(gcpo::rl::findField("algo.loss_agg")->choices.size());
    QCOMPARE(lossAgg->count(), offered + 1);

    // Chosen in the combo, as a user does.
    auto* presets = panel.findChild<QComboBox*>(QStringLiteral("presets"));
    const int index = presets->findData(id);
    QVERIFY(index >= 0);
    presets->setCurrentIndex(index);
    emit presets->activated(index);

    // The reference: the core's defaults overridden by the preset itself.
    json preset;
    if (const auto* a = gcpo::rl::findAlgorithm(id.toStdString())) {
        preset = gcpo::rl::algorithmPreset(a->id);
    } else {
        QFile demo(qEnvironmentVariable("GCPO_RESOURCES") + QStringLiteral("/configs/demo.json"));
        QVERIFY(demo.open(QIODevice::ReadOnly));
        preset = json::parse(demo.readAll().toStdString());
    }
    const json expected = gcpo::rl::mergeConfig(gcpo::rl::defaultConfig(), preset);
    const json shown = panel.config();
    for (const gcpo::rl::ConfigField& f : gcpo::rl::configFields()) {
        const json::json_pointer ptr("/" +
                                     QString::fromStdString(f.path).replace(QLatin1Char('.'), QLatin1Char('/')).toStdString());
        QVERIFY2(shown.contains(ptr) && expected.contains(ptr), f.path.c_str());
        QVERIFY2(shown.at(ptr) == expected.at(ptr),
                 qPrintable(QStringLiteral("%1: form %2, preset %3")
                                .arg(QString::fromStdString(f.path), QString::fromStdString(shown.at(ptr).dump()),
                                     QString::fromStdString(expected.at(ptr).dump()))));
    }
    QCOMPARE(lossAgg->count(), offered);  // the stale choice is gone from the list too
    QVERIFY2(panel.isValid(), qPrintable(issuesText(panel)));
}

void TestConfigPanel::fieldsFollowAlgorithmTable() {
    ConfigPanel panel;
    // Hand-written cases first: GCPO's kernel and GRPO's diversity bonus.
    QVERIFY(panel.setConfig({{"algorithm", "gcpo"}}));
    QVERIFY(panel.editor(QStringLiteral("gcpo.kernel"))->isEnabled());
    QVERIFY(!panel.editor(QStringLiteral("algo.diversity_coef"))->isEnabled());
    QVERIFY(panel.setConfig({{"algorithm", "grpo_diversity_bonus"}}));
    QVERIFY(panel.editor(QStringLiteral("algo.diversity_coef"))->isEnabled());
    QVERIFY(panel.setConfig({{"algorithm", "grpo"}, {"gcpo", {{"monitor", false}}}}));
    QVERIFY(!panel.editor(QStringLiteral("gcpo.kernel"))->isEnabled());  // GRPO without coverage monitoring
    QVERIFY(panel.editor(QStringLiteral("steps"))->isEnabled());

    // Then every algorithm x field against the table (the dependent model/storage fields aside).
    const QStringList dependent{QStringLiteral("model.sft_config"), QStringLiteral("model.checkpoint"),
                                QStringLiteral("storage.rollouts_every")};
    for (const auto& a : gcpo::rl::algorithms())
        for (bool monitor : {true, false}) {
            QVERIFY(panel.setConfig({{"algorithm", a.name}, {"gcpo", {{"monitor", monitor}}}}));
            for (const gcpo::rl::ConfigField& f : gcpo::rl::configFields()) {
                if (dependent.contains(QString::fromStdString(f.path))) continue;
                QVERIFY2(panel.editor(QString::fromStdString(f.path))->isEnabled() ==
                             gcpo::rl::algorithmUsesField(a.id, f.path, monitor),
                         qPrintable(QStringLiteral("%1 / %2").arg(QString::fromLatin1(a.name), QString::fromStdString(f.path))));
            }
        }
    // Changing the algorithm in the form re-derives them at once.
    auto* algorithm = qobject_cast<QComboBox*>(panel.editor(QStringLiteral("algorithm")));
    algorithm->setCurrentText(QStringLiteral("grpo_diversity_bonus"));
    QVERIFY(panel.editor(QStringLiteral("algo.diversity_coef"))->isEnabled());
    algorithm->setCurrentText(QStringLiteral("gcpo"));
    QVERIFY(!panel.editor(QStringLiteral("algo.diversity_coef"))->isEnabled());
    QVERIFY(panel.setConfig({{"storage", {{"rollouts", "every"}}}}));
    QVERIFY(!panel.editor(QStringLiteral("storage.rollouts_every"))->isEnabled());
    QVERIFY(panel.setConfig({{"storage", {{"rollouts", "every_n"}}}}));
    QVERIFY(panel.editor(QStringLiteral("storage.rollouts_every"))->isEnabled());
}

void TestConfigPanel::startNeedsDatabase() {
    ConfigPanel panel;
    QVERIFY2(panel.isValid(), qPrintable(issuesText(panel)));
    QPushButton* start = panel.startButton();
    QVERIFY(!start->isEnabled());  // valid config, but no database to write the run into
    QVERIFY2(start->toolTip().contains(QStringLiteral("database")), qPrintable(start->toolTip()));

    QSignalSpy chosen(&panel, &ConfigPanel::databaseChosen);
    const QString db = m_dir.filePath(QStringLiteral("runs.sqlite"));
    panel.setDatabase(db);
    QVERIFY(start->isEnabled());
    QVERIFY(start->toolTip().contains(db));
    QCOMPARE(panel.findChild<PathEdit*>(QStringLiteral("database"))->text(), db);
    QCOMPARE(chosen.count(), 0);  // shown, not chosen again

    qobject_cast<QSpinBox*>(panel.editor(QStringLiteral("sampling.group_size")))->setValue(1);
    QVERIFY(!start->isEnabled());
    QVERIFY(start->toolTip().contains(QStringLiteral("red")));
    qobject_cast<QSpinBox*>(panel.editor(QStringLiteral("sampling.group_size")))->setValue(4);
    QVERIFY(start->isEnabled());
    panel.setRunning(true);
    QVERIFY(!start->isEnabled());
    panel.setRunning(false);
    panel.setDatabase(QString());
    QVERIFY(!start->isEnabled());
}

void TestConfigPanel::workbenchDbOption() {
    const QString workbench = qEnvironmentVariable("GCPO_WORKBENCH");
    if (workbench.isEmpty()) QSKIP("gcpo-workbench not found (set GCPO_WORKBENCH)");
    const auto run = [&](const QStringList& args, QString* err) {
        QProcess p;
        // Its settings (recent files, window state) go to the test's folder, never the user's.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        p.setProcessEnvironment(env);
        p.start(workbench, args);
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            return -1;
        }
        *err = QString::fromUtf8(p.readAllStandardError());
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    };
    QString err;
    const QString missing = m_dir.filePath(QStringLiteral("missing.sqlite"));
    QCOMPARE(run({QStringLiteral("--db"), missing}, &err), 2);
    QVERIFY2(err.contains(QStringLiteral("no such run database")) && err.contains(missing), qPrintable(err));
    QVERIFY(!QFile::exists(missing));

    const QString foreign = m_dir.filePath(QStringLiteral("notes.db"));
    {
        QFile f(foreign);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("name,value\nnot,a database\n");
    }
    const QByteArray before = fileDigest(foreign);
    QCOMPARE(run({QStringLiteral("--db=") + foreign}, &err), 2);
    QVERIFY2(err.contains(foreign), qPrintable(err));
    QCOMPARE(fileDigest(foreign), before);

    const QString db = m_dir.filePath(QStringLiteral("ok.sqlite"));
    { gcpo::store::RunStore created(db.toStdString(), gcpo::store::RunStore::Mode::Write); }
    QCOMPARE(run({QStringLiteral("--db"), db, missing}, &err), 2);  // one database at a time
    // Accepted: the window opens it (screenshots taken at once, then it quits).
    const QString shots = m_dir.filePath(QStringLiteral("shots"));
    QCOMPARE(run({QStringLiteral("--db=") + db, QStringLiteral("--screenshot"), shots, QStringLiteral("--screenshot-delay"),
                  QStringLiteral("0")},
                 &err),
             0);
    QVERIFY(QFile::exists(shots + QStringLiteral("/window_curves.png")));
}

// The "What this demo shows" panel reads its text from the resource file (the built-in copy is the
// file in resources/, and $GCPO_RESOURCES overrides it), and the Help menu opens it.
void TestConfigPanel::demoSummaryFromResource() {
    const QString resources = qEnvironmentVariable("GCPO_RESOURCES");
    QFile file(resources + QStringLiteral("/demo/what_this_demo_shows.html"));
    QFile builtIn(QStringLiteral(":/demo/what_this_demo_shows.html"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(builtIn.open(QIODevice::ReadOnly));
    QCOMPARE(builtIn.readAll(), file.readAll());
    {
        DemoSummaryDialog dialog;
        const QString text = dialog.browser()->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("not significant")), qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("<!--")));  // the editing note is a comment, not shown
    }
    // An edited copy under $GCPO_RESOURCES is shown without a rebuild.
    const QString edited = m_dir.filePath(QStringLiteral("resources"));
    QVERIFY(QDir().mkpath(edited + QStringLiteral("/demo")));
    QFile copy(edited + QStringLiteral("/demo/what_this_demo_shows.html"));
    QVERIFY(copy.open(QIODevice::WriteOnly));
    copy.write("<p>pass@8 +0.123 (edited)</p>");
    copy.close();
    qputenv("GCPO_RESOURCES", edited.toUtf8());
    QString source;
    const QString html = DemoSummaryDialog::html(&source);
    qputenv("GCPO_RESOURCES", resources.toUtf8());
    QCOMPARE(source, copy.fileName());
    QVERIFY(html.contains(QStringLiteral("+0.123 (edited)")));

    MainWindow window;
    auto* action = window.findChild<QAction*>(QStringLiteral("demoSummaryAction"));
    QVERIFY(action);
    action->trigger();
    QTRY_VERIFY(window.findChild<DemoSummaryDialog*>());
}

// The compare view reads each run's samples once per load and serves the Samples tab from memory
// (no second read per prompt); lastEvalStep tells a newly delivered history from a new evaluation.
// Reference: the store's own evalSamples, filtered by prompt.
void TestConfigPanel::compareDataKeepsSamples() {
    const std::string path = m_dir.filePath(QStringLiteral("compare.sqlite")).toStdString();
    gcpo::store::RunStore w(path, gcpo::store::RunStore::Mode::Write);
    QList<qint64> ids;
    for (const char* algorithm : {"grpo", "gcpo"}) {
        gcpo::store::RunInfo info;
        info.name = algorithm;
        info.algorithm = algorithm;
        const int64_t id = w.createRun(info);
        ids << id;
        for (int64_t step = 0; step <= 4; ++step) {
            gcpo::store::StepRecord rec;
            rec.runId = id;
            rec.step = step;
            if (step % 2 == 0) {
                rec.evals = {{"pass@1", 0.1 * double(step)}};
                for (int p = 0; p < 3; ++p)
                    for (int k = 0; k < 2; ++k)
                        rec.evalSamples.push_back({p, "t" + std::to_string(p), "prompt " + std::to_string(p), k,
                                                   "c" + std::to_string(step * 10 + k), "a", "a", k == 0});
            }
            w.writeStep(rec);
        }
    }
    gcpo::store::RunStore r(path, gcpo::store::RunStore::Mode::Read);
    const auto listed = r.listRuns();
    CompareData data;
    data.load(r, ids, RunInfoList(listed.begin(), listed.end()), -1);
    QCOMPARE(data.evalStep(), qint64(4));
    for (qint64 id : ids) {
        QCOMPARE(data.lastEvalStep(id), qint64(4));
        for (int p = 0; p < 3; ++p) {
            std::vector<gcpo::store::EvalSample> expected;
            for (const auto& s : r.evalSamples(id, 4))
                if (s.promptIndex == p) expected.push_back(s);
            const auto kept = data.samples(id, p);
            QCOMPARE(kept.size(), expected.size());
            for (size_t i = 0; i < kept.size(); ++i) {
                QCOMPARE(kept[i].completion, expected[i].completion);
                QCOMPARE(kept[i].correct, expected[i].correct);
            }
        }
    }
    QCOMPARE(data.lastEvalStep(9999), qint64(-1));
    data.load(r, ids, RunInfoList(listed.begin(), listed.end()), 2);  // an earlier step: its samples
    QCOMPARE(data.samples(ids.first(), 0).front().completion, std::string("c20"));
}

void TestConfigPanel::everyFieldLabelIsTranslated() {
    // The form's labels come from the core's field table; the panel lists them for lupdate by hand,
    // so a field added to the core must also get there and into both translations.
    const QByteArray resources = qgetenv("GCPO_RESOURCES");
    QVERIFY2(!resources.isEmpty(), "GCPO_RESOURCES is not set");
    for (const QString locale : {QStringLiteral("de"), QStringLiteral("zh_CN")}) {
        QFile file(
            QDir(QString::fromLocal8Bit(resources)).filePath(QStringLiteral("../translations/gcpo_workbench_%1.ts").arg(locale)));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        QXmlStreamReader xml(&file);
        QHash<QString, QString> finished;  // ConfigField source -> translation ("" when unfinished)
        QString context, source;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement()) continue;
            if (xml.name() == QLatin1String("name")) context = xml.readElementText();
            else if (xml.name() == QLatin1String("source")) source = xml.readElementText();
            else if (xml.name() == QLatin1String("translation") && context == QLatin1String("ConfigField")) {
                const bool unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
                const QString text = xml.readElementText();
                finished.insert(source, unfinished ? QString() : text);
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        for (const gcpo::rl::ConfigField& f : gcpo::rl::configFields()) {
            const QString label = QString::fromStdString(f.label);
            QVERIFY2(finished.contains(label), qPrintable(QStringLiteral("%1: '%2' (%3) is not in the ConfigField context")
                                                              .arg(locale, label, QString::fromStdString(f.path))));
            QVERIFY2(!finished.value(label).isEmpty(),
                     qPrintable(QStringLiteral("%1: '%2' is not translated").arg(locale, label)));
        }
    }
}

QTEST_MAIN(TestConfigPanel)
#include "test_config_panel.moc"
