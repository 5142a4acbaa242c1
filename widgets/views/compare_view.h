// Compare: answers "is the treatment better than the baseline, and where" for the followed runs,
// grouped into arms by algorithm (one run per seed). The Summary tab holds the final-metric table
// (mean ± 95 % interval per arm, the paired difference coloured only when its interval excludes 0),
// the seed-mean curves with bands, pass@k against k, and the per-prompt pass@k scatter; the
// Samples tab lists the eval prompts (filter: "treatment solved, baseline not", ...) and shows all
// n samples of every run for the chosen prompt, correct and distinct answers marked; the Settings
// tab lists the settings that differ. exportReport() writes the Summary as PDF or HTML.
#pragma once

#include <QList>
#include <QTimer>

#include "run_data_source.h"
#include "views/compare_data.h"
#include "views/compare_plots.h"
#include "views/run_view.h"

class QComboBox;
class QLabel;
class QSpinBox;
class QSplitter;
class QTableView;
class QTabWidget;

namespace gcpo::ui {

class ArmCurves;
class ConfigDiffModel;
class EvalSampleModel;
class FinalMetricsModel;
class PromptOutcomeModel;

class CompareView : public RunView {
    Q_OBJECT

public:
    explicit CompareView(QWidget* parent = nullptr);
    ~CompareView() override;

    void setDataSource(RunDataSource* source) override;
    QString viewTitle() const override;
    // Seed-mean curves, pass@k vs k, per-prompt scatter.
    QList<QCustomPlot*> plots() const override;

    ArmCurves* armCurves() const { return m_curves; }
    QCustomPlot* passAtKPlot() const { return m_passPlot; }
    QCustomPlot* scatterPlot() const { return m_scatterPlot; }
    ConfigDiffModel* configModel() const { return m_configModel; }
    EvalSampleModel* sampleModel() const { return m_sampleModel; }
    FinalMetricsModel* metricsModel() const { return m_metricsModel; }
    PromptOutcomeModel* promptModel() const { return m_promptModel; }
    const CompareData& data() const { return m_data; }
    QList<qint64> comparedRuns() const { return m_runs; }
    ScatterCounts scatterCounts() const { return m_counts; }

    // Evaluation step (one present in every compared run) and held-out prompt index shown.
    QList<qint64> commonEvalSteps() const { return m_data.commonEvalSteps(); }
    void setEvalStep(qint64 step);
    void setPromptIndex(int promptIndex);
    qint64 evalStep() const { return m_data.evalStep(); }
    int promptIndex() const { return m_promptIndex; }
    void setArms(int baseline, int treatment);  // indices into data().arms()
    void setScatterK(int k);
    void showTab(int index);  // 0 summary, 1 samples, 2 settings

    // The Summary (title, table, plots) as one PDF (.pdf) or one self-contained HTML file (.html,
    // images embedded). Returns false and sets *error on failure.
    bool exportReport(const QString& path, QString* error = nullptr);

protected:
    void showEvent(QShowEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void onFollowedRuns(const QList<qint64>& runIds);
    void scheduleReload();
    void onEvalsAppended(qint64 runId, const MetricBatch& batch);
    void scheduleCurves(bool firstDelivery);
    QString runsSignature(const RunInfoList& runs) const;
    void fitMetricsTable();
    void reload();
    void refreshConfigs();
    void refreshSummary();
    void refreshPrompts();
    void refreshSamples();
    void onScatterHover(QMouseEvent* event);
    QString summaryTitle() const;

    QTabWidget* m_tabs = nullptr;
    QSplitter* m_summarySplitter = nullptr;
    bool m_splitterMoved = false;  // by the user: the table's width is theirs from then on
    ArmCurves* m_curves = nullptr;
    QCustomPlot* m_passPlot = nullptr;
    QCustomPlot* m_scatterPlot = nullptr;
    QTableView* m_metricsTable = nullptr;
    QTableView* m_configTable = nullptr;
    QTableView* m_sampleTable = nullptr;
    QTableView* m_promptTable = nullptr;
    QComboBox* m_baselineBox = nullptr;
    QComboBox* m_treatmentBox = nullptr;
    QComboBox* m_stepBox = nullptr;
    QComboBox* m_filterBox = nullptr;
    QSpinBox* m_kBox = nullptr;
    QLabel* m_headline = nullptr;
    QLabel* m_promptLabel = nullptr;
    QLabel* m_summaryLabel = nullptr;
    ConfigDiffModel* m_configModel = nullptr;
    EvalSampleModel* m_sampleModel = nullptr;
    FinalMetricsModel* m_metricsModel = nullptr;
    PromptOutcomeModel* m_promptModel = nullptr;
    QList<QMetaObject::Connection> m_connections;
    QTimer m_reloadTimer;  // evaluations or the run list changed: re-read everything
    QTimer m_curvesTimer;  // training steps arrived: redraw the curves only

    CompareData m_data;
    QList<qint64> m_runs;
    QList<ScatterPoint> m_scatterPoints;
    QString m_runsSignature;  // compared runs' names, statuses, algorithms, seeds
    ScatterCounts m_counts;
    qint64 m_wantedStep = -1;  // -1: follow the latest common eval step
    int m_baseline = -1, m_treatment = -1;
    int m_promptIndex = 0;
    int m_k = 1;
};

}  // namespace gcpo::ui
