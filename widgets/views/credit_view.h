// Marginal contributions: for the selected group one bar per rollout for its stored GCPO credit
// beside its stored GRPO advantage, with "sum of credits = team coverage"; and a what-if strip that
// recomputes the group's coverage, credits and advantages at once from its stored embeddings and
// rewards with gcpo::rl::computeCredit (no training), drawn beside the stored values for contrast.
#pragma once

#include <vector>

#include "rl/credit.h"
#include "run_data_source.h"
#include "views/run_view.h"

class QCPBars;
class QLabel;

namespace gcpo::ui {

class WhatIfStrip;

class CreditView : public RunView {
    Q_OBJECT

public:
    explicit CreditView(QWidget* parent = nullptr);
    ~CreditView() override;

    void setDataSource(RunDataSource* source) override;
    QString viewTitle() const override;
    QList<QCustomPlot*> plots() const override;
    QCustomPlot* plot() const { return m_plot; }
    WhatIfStrip* whatIfStrip() const { return m_strip; }

    void showGroup(const GroupRef& group);  // normally driven by currentGroupChanged
    GroupRef group() const { return m_group; }
    void setWhatIfConfig(const gcpo::rl::CreditConfig& config);  // recomputes at once
    gcpo::rl::CreditConfig whatIfConfig() const { return m_whatIfConfig; }

    int barCount() const;  // stored credit bars (G)
    // The group has no correct rollout but a non-zero advantage used (flagged in the view).
    bool allWrongWithAdvantage() const { return m_allWrongMoved; }
    const std::vector<double>& storedCredits() const { return m_storedCredit; }
    double storedTeamCoverage() const { return m_storedCoverage; }
    bool hasWhatIf() const { return m_hasWhatIf; }
    const gcpo::rl::CreditResult& whatIfResult() const { return m_whatIf; }
    QString whatIfError() const { return m_whatIfError; }

private:
    void recompute();
    void redraw();

    QCustomPlot* m_plot = nullptr;
    QCPBars* m_creditBars = nullptr;
    QCPBars* m_grpoBars = nullptr;
    QCPBars* m_whatIfCreditBars = nullptr;
    QCPBars* m_whatIfAdvantageBars = nullptr;
    WhatIfStrip* m_strip = nullptr;
    QLabel* m_sumLabel = nullptr;
    QLabel* m_title = nullptr;  // run, step, group and prompt
    QLabel* m_flag = nullptr;   // all-wrong group with a non-zero advantage
    QLabel* m_whatIfLabel = nullptr;
    QList<QMetaObject::Connection> m_connections;

    GroupRef m_group;
    std::vector<double> m_rewards;
    std::vector<double> m_embeddings;  // (G, d) row-major
    int m_dim = 0;
    std::vector<double> m_storedCredit;
    std::vector<double> m_storedGrpo;
    std::vector<double> m_storedUsed;
    double m_storedCoverage = 0.0;
    bool m_allWrongMoved = false;
    gcpo::rl::CreditConfig m_whatIfConfig;
    gcpo::rl::CreditResult m_whatIf;
    bool m_hasWhatIf = false;
    QString m_whatIfError;
};

}  // namespace gcpo::ui
