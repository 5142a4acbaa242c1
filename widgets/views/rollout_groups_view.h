// Rollout groups: a step slider (with follow-live) over one run's steps, the step's groups, and
// for the selected group its G rollouts coloured by advantage. Both tables sort through a
// QSortFilterProxyModel. Selecting a group sets the data source's current group, which the
// coverage and credit views follow.
#pragma once

#include <QList>

#include "run_data_source.h"
#include "views/run_view.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QSlider;
class QSortFilterProxyModel;
class QTableView;

namespace gcpo::ui {

class GroupTableModel;
class RolloutTableModel;

class RolloutGroupsView : public RunView {
    Q_OBJECT

public:
    explicit RolloutGroupsView(QWidget* parent = nullptr);
    ~RolloutGroupsView() override;

    void setDataSource(RunDataSource* source) override;
    QString viewTitle() const override;
    QList<QCustomPlot*> plots() const override { return {}; }

    qint64 currentRun() const { return m_runId; }
    qint64 currentStep() const { return m_step; }
    int currentGroupIndex() const { return m_groupIndex; }
    bool followLive() const;

    void setCurrentRun(qint64 runId);  // one of the followed runs
    void setStep(qint64 step);         // shows the step (turns follow-live off if not the last)
    void setFollowLive(bool on);
    void selectGroup(int groupIndex);  // selects the row and publishes the current group

    GroupTableModel* groupModel() const { return m_groupModel; }
    RolloutTableModel* rolloutModel() const { return m_rolloutModel; }
    QTableView* groupTable() const { return m_groupTable; }
    QTableView* rolloutTable() const { return m_rolloutTable; }

private:
    void onFollowedRuns(const QList<qint64>& runIds);
    void onStepAdvanced(qint64 runId, qint64 maxStep);
    void onSliderMoved(int value);
    void onGroupSelected();
    void onRolloutSelected();
    void loadStep(qint64 step);
    void loadRollouts();
    void updateRunBox();

    QComboBox* m_runBox = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_stepLabel = nullptr;
    QCheckBox* m_followBox = nullptr;
    QTableView* m_groupTable = nullptr;
    QTableView* m_rolloutTable = nullptr;
    QPlainTextEdit* m_completion = nullptr;
    GroupTableModel* m_groupModel = nullptr;
    RolloutTableModel* m_rolloutModel = nullptr;
    QSortFilterProxyModel* m_groupProxy = nullptr;
    QSortFilterProxyModel* m_rolloutProxy = nullptr;
    QList<QMetaObject::Connection> m_connections;

    qint64 m_runId = 0;
    qint64 m_step = -1;
    qint64 m_maxStep = -1;
    int m_groupIndex = -1;
    qint64 m_rolloutStep = -1;  // step whose rollouts the rollout model holds
};

}  // namespace gcpo::ui
