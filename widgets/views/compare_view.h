// Compare: the followed runs (two or more) side by side: their curves overlaid (an embedded
// CurvesView), a table of only the settings that differ, and the same evaluation prompt's samples
// of each run side by side (same eval step and prompt index) with correctness and distinct answers.
#pragma once

#include <QList>

#include "run_data_source.h"
#include "views/run_view.h"

class QComboBox;
class QLabel;
class QSpinBox;
class QTableView;

namespace gcpo::ui {

class ConfigDiffModel;
class CurvesView;
class EvalSampleModel;

class CompareView : public RunView {
    Q_OBJECT

public:
    explicit CompareView(QWidget* parent = nullptr);
    ~CompareView() override;

    void setDataSource(RunDataSource* source) override;
    QString viewTitle() const override;
    QList<QCustomPlot*> plots() const override;

    CurvesView* curves() const { return m_curves; }
    ConfigDiffModel* configModel() const { return m_configModel; }
    EvalSampleModel* sampleModel() const { return m_sampleModel; }
    QList<qint64> comparedRuns() const { return m_runs; }

    // Evaluation step (one present in every compared run) and held-out prompt index shown.
    QList<qint64> commonEvalSteps() const { return m_evalSteps; }
    void setEvalStep(qint64 step);
    void setPromptIndex(int promptIndex);
    qint64 evalStep() const { return m_evalStep; }
    int promptIndex() const { return m_promptIndex; }

private:
    void onFollowedRuns(const QList<qint64>& runIds);
    void refreshConfigs();
    void refreshEvalSteps();
    void refreshSamples();

    CurvesView* m_curves = nullptr;
    QTableView* m_configTable = nullptr;
    QTableView* m_sampleTable = nullptr;
    QComboBox* m_stepBox = nullptr;
    QSpinBox* m_promptBox = nullptr;
    QLabel* m_promptLabel = nullptr;
    QLabel* m_summaryLabel = nullptr;
    ConfigDiffModel* m_configModel = nullptr;
    EvalSampleModel* m_sampleModel = nullptr;
    QList<QMetaObject::Connection> m_connections;

    QList<qint64> m_runs;
    QList<qint64> m_evalSteps;
    qint64 m_evalStep = -1;
    int m_promptIndex = 0;
};

}  // namespace gcpo::ui
