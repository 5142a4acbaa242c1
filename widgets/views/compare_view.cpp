// Compare view: arms over seeds with intervals, pass@k, per-prompt outcomes, samples, settings.
#include "views/compare_view.h"

#include <QComboBox>
#include <QFileDialog>
#include <QMessageBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolTip>
#include <QVBoxLayout>

#include <cmath>
#include <exception>

#include <qcustomplot.h>

#include "config_diff_model.h"
#include "eval_sample_model.h"
#include "theme.h"
#include "views/arm_curves.h"
#include "views/final_metrics_model.h"
#include "views/prompt_outcome_model.h"

namespace gcpo::ui {

namespace {

QTableView* makeTable(QWidget* parent, QAbstractItemModel* model) {
    auto* t = new QTableView(parent);
    t->setModel(model);
    t->setWordWrap(false);
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 6);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

QWidget* labelled(const QString& title, QWidget* body, QWidget* parent) {
    auto* box = new QWidget(parent);
    auto* l = new QVBoxLayout(box);
    l->setContentsMargins(0, 0, 0, 0);
    auto* caption = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()), box);
    l->addWidget(caption);
    l->addWidget(body, 1);
    return box;
}

}  // namespace

CompareView::CompareView(QWidget* parent) : RunView(parent) {
    m_configModel = new ConfigDiffModel(this);
    m_sampleModel = new EvalSampleModel(this);
    m_metricsModel = new FinalMetricsModel(this);
    m_promptModel = new PromptOutcomeModel(this);

    // ---- top bar: arms, eval step, export
    m_baselineBox = new QComboBox(this);
    m_baselineBox->setToolTip(tr("Baseline arm: the differences are treatment − baseline"));
    m_treatmentBox = new QComboBox(this);
    m_treatmentBox->setToolTip(tr("Treatment arm"));
    m_stepBox = new QComboBox(this);
    m_stepBox->setToolTip(tr("Evaluation step present in every compared run (the table, pass@k and samples use it)"));
    m_stepBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* exportButton = new QPushButton(QIcon(QStringLiteral(":/icons/export.svg")), tr("Export report…"), this);
    exportButton->setToolTip(tr("The summary (table and plots) as one PDF or one self-contained HTML file"));
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Baseline:"), this));
    bar->addWidget(m_baselineBox);
    bar->addWidget(new QLabel(tr("Treatment:"), this));
    bar->addWidget(m_treatmentBox);
    bar->addWidget(new QLabel(tr("Eval step:"), this));
    bar->addWidget(m_stepBox);
    bar->addStretch(1);
    bar->addWidget(exportButton);
    m_headline = new QLabel(tr("Select runs to compare (runs are grouped by algorithm, one per seed)"), this);
    m_headline->setWordWrap(true);

    // ---- Summary tab
    m_metricsTable = makeTable(this, m_metricsModel);
    m_metricsTable->setToolTip(
        tr("Mean ± half-width of the 95 % t interval over seeds; the difference column is paired by seed "
           "(bootstrap interval and sign-flip p-value)"));
    m_curves = new ArmCurves(this);
    m_passPlot = new QCustomPlot(this);
    m_passPlot->setMinimumSize(260, 180);
    Theme::putLegendBelow(m_passPlot);
    Theme::followTheme(m_passPlot);
    m_scatterPlot = new QCustomPlot(this);
    m_scatterPlot->setMinimumSize(260, 180);
    Theme::putLegendBelow(m_scatterPlot);
    Theme::followTheme(m_scatterPlot);
    m_kBox = new QSpinBox(this);
    m_kBox->setRange(1, 1);
    m_kBox->setPrefix(tr("k = "));
    m_kBox->setToolTip(tr("k of the per-prompt pass@k"));
    auto* scatterBox = new QWidget(this);
    auto* scatterLayout = new QVBoxLayout(scatterBox);
    scatterLayout->setContentsMargins(0, 0, 0, 0);
    auto* kRow = new QHBoxLayout;
    kRow->addWidget(new QLabel(QStringLiteral("<b>%1</b>").arg(tr("Per prompt")), scatterBox));
    kRow->addStretch(1);
    kRow->addWidget(m_kBox);
    scatterLayout->addLayout(kRow);
    scatterLayout->addWidget(m_scatterPlot, 1);
    // Two rows: the table (the answer) beside the curves, sized to the table (fitMetricsTable);
    // below, pass@k and the per-prompt scatter share their own row, so a wide table never
    // squeezes them.
    auto* top = new QSplitter(Qt::Horizontal, this);
    m_summarySplitter = top;
    QObject::connect(top, &QSplitter::splitterMoved, this, [this] { m_splitterMoved = true; });
    top->addWidget(labelled(tr("Final metrics"), m_metricsTable, top));
    top->addWidget(labelled(tr("Curves: seed mean and 95 % band"), m_curves, top));
    top->setStretchFactor(0, 1);
    top->setStretchFactor(1, 1);
    top->setSizes({660, 400});
    auto* bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(labelled(tr("pass@k against k"), m_passPlot, bottom));
    bottom->addWidget(scatterBox);
    bottom->setSizes({500, 500});
    auto* summary = new QSplitter(Qt::Vertical, this);
    summary->addWidget(top);
    summary->addWidget(bottom);
    summary->setSizes({500, 450});

    // ---- Samples tab
    m_filterBox = new QComboBox(this);
    m_filterBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_promptTable = makeTable(this, m_promptModel);
    m_promptTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_promptTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_promptTable->horizontalHeader()->setSectionResizeMode(PromptOutcomeModel::ColText, QHeaderView::Stretch);
    m_promptTable->horizontalHeader()->setStretchLastSection(false);
    m_promptTable->verticalHeader()->setVisible(false);
    auto* promptsBox = new QWidget(this);
    auto* promptsLayout = new QVBoxLayout(promptsBox);
    promptsLayout->setContentsMargins(0, 0, 0, 0);
    promptsLayout->addWidget(m_filterBox);
    promptsLayout->addWidget(m_promptTable, 1);
    m_sampleTable = makeTable(this, m_sampleModel);
    m_sampleTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_promptLabel = new QLabel(this);
    m_promptLabel->setWordWrap(true);
    m_promptLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setWordWrap(true);
    auto* samplesBox = new QWidget(this);
    auto* samplesLayout = new QVBoxLayout(samplesBox);
    samplesLayout->setContentsMargins(0, 0, 0, 0);
    samplesLayout->addWidget(m_promptLabel);
    samplesLayout->addWidget(m_sampleTable, 1);
    samplesLayout->addWidget(m_summaryLabel);
    auto* samples = new QSplitter(Qt::Horizontal, this);
    samples->addWidget(promptsBox);
    samples->addWidget(samplesBox);
    samples->setStretchFactor(1, 2);
    samples->setSizes({380, 620});

    m_configTable = makeTable(this, m_configModel);
    m_configTable->verticalHeader()->setVisible(false);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(summary, tr("Summary"));
    m_tabs->addTab(samples, tr("Samples"));
    m_tabs->addTab(m_configTable, tr("Settings that differ"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(m_headline);
    layout->addWidget(m_tabs, 1);

    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(300);
    QObject::connect(&m_reloadTimer, &QTimer::timeout, this, &CompareView::reload);
    m_curvesTimer.setSingleShot(true);
    m_curvesTimer.setInterval(500);
    QObject::connect(&m_curvesTimer, &QTimer::timeout, m_curves, &ArmCurves::refresh);
    QObject::connect(m_stepBox, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0) setEvalStep(m_stepBox->itemData(i).toLongLong());
    });
    auto armChanged = [this] { setArms(m_baselineBox->currentIndex(), m_treatmentBox->currentIndex()); };
    QObject::connect(m_baselineBox, &QComboBox::currentIndexChanged, this, armChanged);
    QObject::connect(m_treatmentBox, &QComboBox::currentIndexChanged, this, armChanged);
    QObject::connect(m_kBox, &QSpinBox::valueChanged, this, &CompareView::setScatterK);
    QObject::connect(m_filterBox, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0) m_promptModel->setFilter(static_cast<PromptOutcomeModel::Filter>(m_filterBox->itemData(i).toInt()));
    });
    QObject::connect(m_promptModel, &QAbstractItemModel::modelReset, this, [this] {
        const int row = m_promptModel->rowOfPrompt(m_promptIndex);
        if (row >= 0) m_promptTable->selectRow(row);
        else if (m_promptModel->rowCount() > 0) setPromptIndex(m_promptModel->shownPrompts().front());
    });
    QObject::connect(m_promptTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                     [this](const QModelIndex& i) {
                         if (i.isValid()) setPromptIndex(m_promptModel->data(i, PromptOutcomeModel::kPromptIndexRole).toInt());
                     });
    QObject::connect(m_scatterPlot, &QCustomPlot::mouseMove, this, &CompareView::onScatterHover);
    QObject::connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export comparison report"), QStringLiteral("comparison.pdf"),
                                                          tr("PDF document (*.pdf);;Self-contained HTML (*.html)"));
        QString error;
        if (!path.isEmpty() && !exportReport(path, &error)) QMessageBox::warning(this, tr("Export failed"), error);
    });
}

CompareView::~CompareView() {
    for (const auto& c : m_connections) QObject::disconnect(c);
}

QString CompareView::viewTitle() const { return tr("Compare"); }
QList<QCustomPlot*> CompareView::plots() const { return {m_curves->plot(), m_passPlot, m_scatterPlot}; }
void CompareView::showTab(int index) { m_tabs->setCurrentIndex(index); }

void CompareView::setDataSource(RunDataSource* source) {
    for (const auto& c : m_connections) QObject::disconnect(c);
    m_connections.clear();
    m_source = source;
    m_curves->setDataSource(source);
    if (source) {
        m_connections << QObject::connect(source, &RunDataSource::followedRunsChanged, this, &CompareView::onFollowedRuns)
                      << QObject::connect(source, &RunDataSource::runsChanged, this,
                                          [this](const RunInfoList& runs) {
                                              // Every poll of a live run changes its last step; only a new name,
                                              // status, algorithm or seed of a compared run needs a re-read.
                                              const QString signature = runsSignature(runs);
                                              if (signature != m_runsSignature) {
                                                  m_runsSignature = signature;
                                                  reload();
                                                  refreshConfigs();
                                              }
                                          })
                      << QObject::connect(source, &RunDataSource::evalsAppended, this, &CompareView::onEvalsAppended)
                      << QObject::connect(source, &RunDataSource::metricsAppended, this,
                                          [this](qint64 runId, const MetricBatch& batch) {
                                              // New training steps only move the curves: no re-read of the evaluations.
                                              scheduleCurves(m_source->metricHistory(runId).pointCount() == batch.pointCount());
                                          })
                      << QObject::connect(source, &RunDataSource::databaseClosed, this, [this] { onFollowedRuns({}); });
        onFollowedRuns(source->followedRuns());
    } else {
        onFollowedRuns({});
    }
}

QString CompareView::runsSignature(const RunInfoList& runs) const {
    QString signature;
    for (const gcpo::store::RunInfo& r : runs)
        if (m_runs.contains(r.id))
            signature += QStringLiteral("%1|%2|%3|%4|%5;")
                             .arg(r.id)
                             .arg(QString::fromStdString(r.algorithm))
                             .arg(r.seed)
                             .arg(static_cast<int>(r.status))
                             .arg(QString::fromStdString(r.name));
    return signature;
}

void CompareView::onFollowedRuns(const QList<qint64>& runIds) {
    m_runs = runIds;
    // The runs list this load sees: the next poll reloads only if one of them has changed since.
    m_runsSignature = m_source ? runsSignature(m_source->runs()) : QString();
    reload();
    refreshConfigs();
}

void CompareView::scheduleReload() {
    if (!m_reloadTimer.isActive()) m_reloadTimer.start();
}

void CompareView::onEvalsAppended(qint64 runId, const MetricBatch& batch) {
    if (!m_runs.contains(runId)) return;
    double last = -1;
    for (const SeriesChunk& c : batch.series)
        if (!c.steps.isEmpty()) last = std::max(last, c.steps.last());
    // The history of a newly followed run was read by the load already: only the curves need it.
    if (last > double(m_data.lastEvalStep(runId))) scheduleReload();
    else scheduleCurves(m_source->evalHistory(runId).pointCount() == batch.pointCount());
}

void CompareView::scheduleCurves(bool firstDelivery) {
    if (!m_curves->isVisible()) return;
    // A run's history just arrived (the user opened it): draw it at once; live steps every 500 ms.
    const int ms = firstDelivery ? 20 : 500;
    if (!m_curvesTimer.isActive() || m_curvesTimer.remainingTime() > ms) m_curvesTimer.start(ms);
}

void CompareView::reload() {
    gcpo::store::RunStore* store = m_source ? m_source->guiStore() : nullptr;
    const QStringList oldArms = m_data.armKeys();
    try {
        if (store) m_data.load(*store, m_runs, m_source->runs(), m_wantedStep);
        else m_data.clear();
    } catch (const std::exception& e) {
        m_data.clear();
        m_headline->setText(tr("Could not read the runs: %1").arg(QString::fromUtf8(e.what())));
    }
    {
        const QSignalBlocker a(m_stepBox);
        m_stepBox->clear();
        for (qint64 s : m_data.commonEvalSteps()) m_stepBox->addItem(tr("step %1").arg(s), s);
        m_stepBox->setCurrentIndex(m_stepBox->findData(m_data.evalStep()));
    }
    if (m_data.armKeys() != oldArms || m_baseline >= m_data.arms().size() || m_treatment >= m_data.arms().size()) {
        const QSignalBlocker a(m_baselineBox), b(m_treatmentBox);
        m_baselineBox->clear();
        m_treatmentBox->clear();
        m_baselineBox->addItems(m_data.armKeys());
        m_treatmentBox->addItems(m_data.armKeys());
        m_baseline = m_data.defaultBaseline();
        m_treatment = m_data.defaultTreatment();
        m_baselineBox->setCurrentIndex(m_baseline);
        m_treatmentBox->setCurrentIndex(m_treatment);
    }
    {
        const QSignalBlocker block(m_kBox);
        m_kBox->setRange(1, std::max(1, m_data.maxSamples()));
        m_k = m_kBox->value();
    }
    m_curves->setArms(m_data.arms());
    refreshSummary();
    refreshPrompts();
    refreshSamples();
}

void CompareView::setEvalStep(qint64 step) {
    const QList<qint64>& steps = m_data.commonEvalSteps();
    m_wantedStep = !steps.isEmpty() && step == steps.back() ? -1 : step;  // the latest keeps following
    reload();
}

void CompareView::setArms(int baseline, int treatment) {
    m_baseline = baseline;
    m_treatment = treatment;
    if (m_baselineBox->currentIndex() != baseline) {
        const QSignalBlocker b(m_baselineBox);
        m_baselineBox->setCurrentIndex(baseline);
    }
    if (m_treatmentBox->currentIndex() != treatment) {
        const QSignalBlocker b(m_treatmentBox);
        m_treatmentBox->setCurrentIndex(treatment);
    }
    refreshSummary();
    refreshPrompts();
}

void CompareView::setScatterK(int k) {
    m_k = k;
    if (m_kBox->value() != k) {
        const QSignalBlocker b(m_kBox);
        m_kBox->setValue(k);
    }
    m_counts = drawPromptScatter(m_scatterPlot, m_data, m_baseline, m_treatment, m_k, &m_scatterPoints);
    m_scatterPlot->replot(QCustomPlot::rpQueuedReplot);
}

QString CompareView::summaryTitle() const {
    QStringList arms;
    for (const Arm& a : m_data.arms()) arms << tr("%1 (%n seed(s))", nullptr, static_cast<int>(a.runIds.size())).arg(a.key);
    return arms.isEmpty() ? QString() : tr("%1 at eval step %2").arg(arms.join(tr(" vs "))).arg(m_data.evalStep());
}

void CompareView::refreshSummary() {
    const bool pair = m_baseline >= 0 && m_treatment >= 0 && m_baseline != m_treatment;
    const QString deltaTitle =
        pair ? tr("%1 − %2").arg(m_data.arms()[m_treatment].key, m_data.arms()[m_baseline].key) : QString();
    m_metricsModel->setRows(m_data.armKeys(), m_data.finalMetricRows(m_baseline, m_treatment), deltaTitle);
    fitMetricsTable();
    drawPassAtK(m_passPlot, m_data);
    m_passPlot->replot(QCustomPlot::rpQueuedReplot);
    setScatterK(m_k);
    if (m_data.arms().isEmpty()) {
        m_headline->setText(tr("Select runs to compare (runs are grouped by algorithm, one per seed)"));
        return;
    }
    QStringList significant;
    for (const FinalMetricRow& r : m_metricsModel->rows())
        if (r.delta.excludesZero()) significant << QStringLiteral("%1 %2").arg(r.label, FinalMetricsModel::formatDelta(r.delta));
    // At most three named (the headline must not push the table down); the table colours them all.
    constexpr int kNamed = 3;
    const qsizetype more = significant.size() - kNamed;
    if (more > 0) significant.erase(significant.begin() + kNamed, significant.end());
    QString verdict;
    if (pair && significant.isEmpty()) verdict = tr("No difference whose 95 % interval excludes 0.");
    else if (pair && more <= 0) verdict = tr("Intervals excluding 0: %1.").arg(significant.join(QStringLiteral("; ")));
    else if (pair)
        verdict = tr("Intervals excluding 0: %1; and %n more (coloured in the table).", nullptr, int(more))
                      .arg(significant.join(QStringLiteral("; ")));
    m_headline->setText(QStringLiteral("<b>%1</b> %2").arg(summaryTitle().toHtmlEscaped(), verdict.toHtmlEscaped()));
}

void CompareView::showEvent(QShowEvent* event) {
    RunView::showEvent(event);
    QTimer::singleShot(0, this, &CompareView::fitMetricsTable);  // once the splitter has its width
}

void CompareView::resizeEvent(QResizeEvent* event) {
    RunView::resizeEvent(event);
    // A dock shown or resized later: the table keeps the room its columns need.
    if (!m_splitterMoved) QTimer::singleShot(0, this, &CompareView::fitMetricsTable);
}

void CompareView::fitMetricsTable() {
    // The table's difference column must show without scrolling: widen its pane to the table, up
    // to 70 % of the view, until the user moves the splitter.
    if (m_splitterMoved || m_metricsModel->rowCount() == 0 || m_summarySplitter->width() <= 0) return;
    int want = m_metricsTable->verticalHeader()->width() + 2 * m_metricsTable->frameWidth() +
               m_metricsTable->verticalScrollBar()->sizeHint().width() + 4;
    // Contents, not current widths: the last column stretches to whatever room it has.
    for (int c = 0; c < m_metricsModel->columnCount(); ++c)
        want += std::max(static_cast<QAbstractItemView*>(m_metricsTable)->sizeHintForColumn(c),  // public there
                         m_metricsTable->horizontalHeader()->sectionSizeHint(c));
    const int total = m_summarySplitter->width() - m_summarySplitter->handleWidth();
    const int left = std::min(want, total * 70 / 100);
    m_summarySplitter->setSizes({left, total - left});
}

void CompareView::refreshPrompts() {
    QMap<int, QString> texts;
    for (int p : m_data.promptIndices()) texts.insert(p, m_data.promptText(p));
    const QString b = m_baseline >= 0 ? m_data.arms()[m_baseline].key : QString();
    const QString t = m_treatment >= 0 ? m_data.arms()[m_treatment].key : QString();
    m_promptModel->setPrompts(texts, b, m_data.promptSolvedShare(m_baseline), t, m_data.promptSolvedShare(m_treatment));
    const QSignalBlocker block(m_filterBox);
    const int keep = m_filterBox->currentIndex();
    m_filterBox->clear();
    using F = PromptOutcomeModel::Filter;
    const QList<QPair<F, QString>> filters{{F::All, tr("All prompts")},
                                           {F::TreatmentOnly, tr("%1 solved, %2 not").arg(t, b)},
                                           {F::BaselineOnly, tr("%1 solved, %2 not").arg(b, t)},
                                           {F::Both, tr("Both solved")},
                                           {F::Neither, tr("Neither solved")}};
    for (const auto& [f, label] : filters)
        m_filterBox->addItem(tr("%1 (%2)").arg(label).arg(m_promptModel->countFor(f)), static_cast<int>(f));
    m_filterBox->setCurrentIndex(qMax(0, keep));
    m_promptModel->setFilter(static_cast<F>(m_filterBox->currentData().toInt()));
}

void CompareView::setPromptIndex(int promptIndex) {
    m_promptIndex = promptIndex;
    const int row = m_promptModel->rowOfPrompt(promptIndex);
    if (row >= 0 && m_promptTable->currentIndex().row() != row) {
        const QSignalBlocker block(m_promptTable->selectionModel());
        m_promptTable->selectRow(row);
    }
    refreshSamples();
}

void CompareView::refreshSamples() {
    QStringList names;
    QList<std::vector<gcpo::store::EvalSample>> samples;
    if (m_data.evalStep() >= 0)  // read with the rest by load(): a prompt change reads no database
        for (const Arm& arm : m_data.arms())
            for (int i = 0; i < arm.runIds.size(); ++i) {
                names << tr("%1 · seed %2").arg(arm.key).arg(arm.seeds[i]);
                samples.append(m_data.samples(arm.runIds[i], m_promptIndex));
            }
    m_sampleModel->setSamples(names, samples);
    const QString prompt = m_data.promptText(m_promptIndex);
    m_promptLabel->setText(prompt.isEmpty() ? tr("No evaluation samples stored for this step and prompt")
                                            : tr("Prompt %1: %2").arg(m_promptIndex).arg(prompt));
    QStringList summary;
    for (int c = 0; c < names.size(); ++c)
        summary << tr("%1: %2/%3 correct, %4 distinct")
                       .arg(names[c])
                       .arg(m_sampleModel->correctCount(c))
                       .arg(static_cast<int>(samples[c].size()))
                       .arg(m_sampleModel->distinctCorrect(c));
    m_summaryLabel->setText(summary.isEmpty() ? tr("Select runs with evaluations to see their samples")
                                              : tr("✓ correct, ✗ wrong, ★ first sample of a distinct correct answer. ") +
                                                    summary.join(QStringLiteral("; ")));
}

void CompareView::onScatterHover(QMouseEvent* event) {
    const ScatterPoint* best = nullptr;
    double bestDist = 12.0;  // pixels
    for (const ScatterPoint& p : m_scatterPoints) {
        const double dx = m_scatterPlot->xAxis->coordToPixel(p.x) - event->position().x();
        const double dy = m_scatterPlot->yAxis->coordToPixel(p.y) - event->position().y();
        const double d = std::hypot(dx, dy);
        if (d < bestDist) {
            bestDist = d;
            best = &p;
        }
    }
    if (!best) {
        QToolTip::hideText();
        return;
    }
    int same = 0;
    for (const ScatterPoint& p : m_scatterPoints) same += p.x == best->x && p.y == best->y ? 1 : 0;
    QToolTip::showText(event->globalPosition().toPoint(),
                       tr("Prompt %1: %2\nx %3, y %4%5")
                           .arg(best->prompt)
                           .arg(m_data.promptText(best->prompt).left(200))
                           .arg(best->x, 0, 'f', 3)
                           .arg(best->y, 0, 'f', 3)
                           .arg(same > 1 ? tr("\n%1 prompts at this point").arg(same) : QString()),
                       m_scatterPlot);
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
    if (names.size() < 2) m_configModel->clear();
    else m_configModel->setRuns(names, configs);
}

}  // namespace gcpo::ui
