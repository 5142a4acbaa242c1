// Compare view: overlaid curves, the settings that differ, one eval prompt's samples side by side.
#include "views/compare_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <exception>

#include "config_diff_model.h"
#include "eval_sample_model.h"
#include "views/curves_view.h"

namespace gcpo::ui {

CompareView::CompareView(QWidget* parent) : RunView(parent) {
    m_curves = new CurvesView(this);
    m_configModel = new ConfigDiffModel(this);
    m_sampleModel = new EvalSampleModel(this);
    m_configTable = new QTableView(this);
    m_configTable->setModel(m_configModel);
    m_configTable->horizontalHeader()->setStretchLastSection(true);
    m_configTable->verticalHeader()->setVisible(false);
    m_sampleTable = new QTableView(this);
    m_sampleTable->setModel(m_sampleModel);
    m_sampleTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_stepBox = new QComboBox(this);
    m_stepBox->setToolTip(tr("Evaluation step present in every compared run"));
    m_promptBox = new QSpinBox(this);
    m_promptBox->setToolTip(tr("Held-out evaluation prompt (same index in every run)"));
    m_promptLabel = new QLabel(this);
    m_promptLabel->setWordWrap(true);
    m_promptLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summaryLabel = new QLabel(tr("Select two or more runs to compare"), this);
    m_summaryLabel->setWordWrap(true);

    auto* configBox = new QWidget(this);
    auto* configLayout = new QVBoxLayout(configBox);
    configLayout->setContentsMargins(0, 0, 0, 0);
    configLayout->addWidget(new QLabel(tr("Settings that differ"), configBox));
    configLayout->addWidget(m_configTable, 1);
    auto* samplesBox = new QWidget(this);
    auto* samplesLayout = new QVBoxLayout(samplesBox);
    samplesLayout->setContentsMargins(0, 0, 0, 0);
    auto* pick = new QHBoxLayout;
    pick->addWidget(new QLabel(tr("Eval step:"), samplesBox));
    pick->addWidget(m_stepBox);
    pick->addWidget(new QLabel(tr("Prompt:"), samplesBox));
    pick->addWidget(m_promptBox);
    pick->addStretch(1);
    samplesLayout->addLayout(pick);
    samplesLayout->addWidget(m_promptLabel);
    samplesLayout->addWidget(m_sampleTable, 1);
    samplesLayout->addWidget(m_summaryLabel);
    auto* lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(configBox);
    lower->addWidget(samplesBox);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_curves);
    splitter->addWidget(lower);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(splitter);

    QObject::connect(m_stepBox, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0) setEvalStep(m_stepBox->itemData(i).toLongLong());
    });
    QObject::connect(m_promptBox, &QSpinBox::valueChanged, this, &CompareView::setPromptIndex);
}

CompareView::~CompareView() {
    for (const auto& c : m_connections) QObject::disconnect(c);
}

QString CompareView::viewTitle() const { return tr("Compare"); }
QList<QCustomPlot*> CompareView::plots() const { return m_curves->plots(); }

void CompareView::setDataSource(RunDataSource* source) {
    for (const auto& c : m_connections) QObject::disconnect(c);
    m_connections.clear();
    m_source = source;
    m_curves->setDataSource(source);
    if (source) {
        m_connections << QObject::connect(source, &RunDataSource::followedRunsChanged, this, &CompareView::onFollowedRuns)
                      << QObject::connect(source, &RunDataSource::runsChanged, this, &CompareView::refreshConfigs)
                      << QObject::connect(source, &RunDataSource::evalsAppended, this, &CompareView::refreshEvalSteps)
                      << QObject::connect(source, &RunDataSource::databaseClosed, this, [this] { onFollowedRuns({}); });
        onFollowedRuns(source->followedRuns());
    } else {
        onFollowedRuns({});
    }
}

void CompareView::onFollowedRuns(const QList<qint64>& runIds) {
    m_runs = runIds;
    refreshConfigs();
    refreshEvalSteps();
}

void CompareView::refreshConfigs() {
    gcpo::store::RunStore* store = m_source ? m_source->guiStore() : nullptr;
    QStringList names, configs;
    if (store) {
        try {
            for (qint64 id : m_runs) {
                const auto info = store->runInfo(id);
                names << (info.name.empty() ? tr("run %1").arg(id) : QString::fromStdString(info.name));
                configs << QString::fromStdString(info.configJson);
            }
        } catch (const std::exception&) {
            names.clear();
            configs.clear();
        }
    }
    if (names.size() < 2) {
        m_configModel->clear();
        return;
    }
    m_configModel->setRuns(names, configs);
}

void CompareView::refreshEvalSteps() {
    gcpo::store::RunStore* store = m_source ? m_source->guiStore() : nullptr;
    QList<qint64> common;
    if (store && !m_runs.isEmpty()) {
        try {
            bool first = true;
            for (qint64 id : m_runs) {
                const auto steps = store->evalSteps(id);
                QList<qint64> these(steps.begin(), steps.end());
                if (first) common = these;
                else common.erase(std::remove_if(common.begin(), common.end(),
                                                 [&these](qint64 s) { return !these.contains(s); }),
                                  common.end());
                first = false;
            }
        } catch (const std::exception&) {
            common.clear();
        }
    }
    if (common == m_evalSteps && m_stepBox->count() == common.size()) {
        refreshSamples();  // same evaluation steps, but the runs may have changed
        return;
    }
    const bool wasLast = m_evalStep < 0 || (!m_evalSteps.isEmpty() && m_evalStep == m_evalSteps.back());
    m_evalSteps = common;
    {
        const QSignalBlocker block(m_stepBox);
        m_stepBox->clear();
        for (qint64 s : common) m_stepBox->addItem(tr("step %1").arg(s), s);
    }
    if (common.isEmpty()) {
        m_evalStep = -1;
        refreshSamples();
        return;
    }
    // Keep the chosen step; one that was the latest follows new evaluations.
    setEvalStep(wasLast || !common.contains(m_evalStep) ? common.back() : m_evalStep);
}

void CompareView::setEvalStep(qint64 step) {
    m_evalStep = step;
    const int i = m_stepBox->findData(step);
    if (i >= 0 && i != m_stepBox->currentIndex()) {
        const QSignalBlocker block(m_stepBox);
        m_stepBox->setCurrentIndex(i);
    }
    refreshSamples();
}

void CompareView::setPromptIndex(int promptIndex) {
    m_promptIndex = promptIndex;
    if (m_promptBox->value() != promptIndex) {
        const QSignalBlocker block(m_promptBox);
        m_promptBox->setValue(promptIndex);
    }
    refreshSamples();
}

void CompareView::refreshSamples() {
    gcpo::store::RunStore* store = m_source ? m_source->guiStore() : nullptr;
    QStringList names;
    QList<std::vector<gcpo::store::EvalSample>> samples;
    int maxPrompt = 0;
    QString prompt;
    if (store && m_evalStep >= 0) {
        try {
            gcpo::store::RunStore::ReadTransaction snapshot(*store);
            for (qint64 id : m_runs) {
                const auto info = store->runInfo(id);
                names << (info.name.empty() ? tr("run %1").arg(id) : QString::fromStdString(info.name));
                std::vector<gcpo::store::EvalSample> mine;
                for (auto& s : store->evalSamples(id, m_evalStep)) {
                    maxPrompt = std::max(maxPrompt, s.promptIndex);
                    if (s.promptIndex != m_promptIndex) continue;
                    if (prompt.isEmpty()) prompt = QString::fromStdString(s.prompt);
                    mine.push_back(std::move(s));
                }
                samples.append(std::move(mine));
            }
        } catch (const std::exception& e) {
            names.clear();
            samples.clear();
            prompt = tr("Could not read evaluation samples: %1").arg(QString::fromUtf8(e.what()));
        }
    }
    {
        const QSignalBlocker block(m_promptBox);
        m_promptBox->setRange(0, maxPrompt);
    }
    m_sampleModel->setSamples(names, samples);
    m_promptLabel->setText(prompt.isEmpty() ? tr("No evaluation samples stored for this step and prompt")
                                            : tr("Prompt %1: %2").arg(m_promptIndex).arg(prompt));
    QStringList summary;
    for (int c = 0; c < names.size(); ++c)
        summary << tr("%1: %2 / %3 correct, %4 distinct correct answer(s)")
                       .arg(names[c])
                       .arg(m_sampleModel->correctCount(c))
                       .arg(static_cast<int>(samples[c].size()))
                       .arg(m_sampleModel->distinctCorrect(c));
    m_summaryLabel->setText(m_runs.size() < 2 ? tr("Select two or more runs to compare") : summary.join(QStringLiteral("; ")));
}

}  // namespace gcpo::ui
