// The config panel's model source box: choosing a Hugging Face folder sets model.init = hf and
// model.path in the form (the config the run is started with), shows config.json's shape, parameter
// count and memory estimate, names an unusable folder; going back to the built-in model restores
// model.init; a loaded config with model.init = hf shows the folder. Uses the shipped Qwen2.5 configs.
#include <QtTest>

#include <QComboBox>
#include <QLineEdit>
#include <QTemporaryDir>

#include "config_panel.h"
#include "hf_model_box.h"
#include "model/hf/hf_config.h"
#include "model/hf/memory_estimate.h"

using gcpo::ui::ConfigPanel;
using gcpo::ui::HfModelBox;
using nlohmann::json;

class TestHfModelBox : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        Q_INIT_RESOURCE(workbench);
        m_qwen = qEnvironmentVariable("GCPO_RESOURCES") + QStringLiteral("/hf_configs/qwen2.5-0.5b-instruct");
        QVERIFY(QFileInfo::exists(m_qwen + QStringLiteral("/config.json")));
    }

    void folderSetsTheRunConfig() {
        ConfigPanel panel;
        auto* box = panel.findChild<HfModelBox*>();
        QVERIFY(box);
        QVERIFY(!box->usesHf());
        QCOMPARE(panel.config()["model"]["init"].get<std::string>(), std::string("sft"));

        box->setFolder(m_qwen);
        QVERIFY(box->usesHf());
        const json cfg = panel.config();
        QCOMPARE(cfg["model"]["init"].get<std::string>(), std::string("hf"));
        QCOMPARE(QString::fromStdString(cfg["model"]["path"].get<std::string>()), m_qwen);
        const QString text = box->summaryText();
        QVERIFY2(text.contains(QStringLiteral("Qwen2ForCausalLM: 24 layers, hidden size 896, 14 heads / 2 KV heads, "
                                              "vocabulary 151936 (tied embeddings)")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("494032768 parameters")), qPrintable(text));
        // The memory line of fp32 equals the core's estimate for the form's settings (64 rows x 296 tokens).
        gcpo::model::hf::MemoryOptions o;
        o.withReference = false;  // the default kl_coef is 0
        o.batch = 64;
        o.tokens = 256 + 40;
        const auto m = gcpo::model::hf::estimateTrainingMemory(gcpo::model::hf::loadHfConfig(m_qwen.toStdString()), o);
        const QString gib = QString::number(m.total() / (1024.0 * 1024.0 * 1024.0), 'f', 2);
        QVERIFY2(text.contains(QStringLiteral("= %1 GiB").arg(gib)), qPrintable(text + QStringLiteral(" | ") + gib));
        // Config only, no weights or tokenizer: said plainly.
        QVERIFY2(text.contains(QStringLiteral("tokenizer.json is missing")), qPrintable(text));

        box->useBuiltin();
        QVERIFY(!box->usesHf());
        QCOMPARE(panel.config()["model"]["init"].get<std::string>(), std::string("sft"));
    }

    void loadedConfigShowsTheFolderAndBadFoldersAreNamed() {
        ConfigPanel panel;
        auto* box = panel.findChild<HfModelBox*>();
        QVERIFY(box);
        QVERIFY(panel.setConfig(json{{"model", {{"init", "hf"}, {"path", m_qwen.toStdString()}, {"dtype", "bf16"}}}}));
        QVERIFY(box->usesHf());
        QCOMPARE(box->findChild<QLineEdit*>(QStringLiteral("hfFolder"))->text(), m_qwen);
        QVERIFY(box->summaryText().contains(QStringLiteral("bf16: ")));

        QTemporaryDir empty;
        bool ok = true;
        const QString why = HfModelBox::describeFolder(empty.path(), json::object(), &ok);
        QVERIFY(!ok);
        QVERIFY2(why.contains(QStringLiteral("config.json: missing")), qPrintable(why));
        box->setFolder(empty.path());
        QVERIFY2(box->summaryText().contains(QStringLiteral("config.json: missing")), qPrintable(box->summaryText()));

        // Back to the built-in model and again to the folder source: the last folder is kept.
        box->useBuiltin();
        box->findChild<QComboBox*>(QStringLiteral("modelSource"))->setCurrentIndex(1);
        QCOMPARE(QString::fromStdString(panel.config()["model"]["path"].get<std::string>()), empty.path());

        // Choosing the Hugging Face source without a folder leaves the form invalid, naming model.path.
        ConfigPanel fresh;
        fresh.findChild<QComboBox*>(QStringLiteral("modelSource"))->setCurrentIndex(1);
        QCOMPARE(fresh.config()["model"]["init"].get<std::string>(), std::string("hf"));
        QVERIFY(!fresh.isValid());
        QVERIFY(fresh.issueFor(QStringLiteral("model.path")).contains(QStringLiteral("no model folder")));
        QVERIFY(fresh.findChild<HfModelBox*>()->summaryText().contains(QStringLiteral("Choose a model folder")));
    }

private:
    QString m_qwen;
};

QTEST_MAIN(TestHfModelBox)
#include "test_hf_model_box.moc"
