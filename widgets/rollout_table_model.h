// Item model of one group's G rollouts (completion, parsed answer, correct, reward, GRPO advantage,
// GCPO credit, advantage used, length). Each row's background is its advantage used on a diverging
// orange (negative) to green (positive) palette scaled by the group's largest |advantage|. Flat table (0 rows under a
// valid parent); Qt::UserRole gives the raw value for sorting.
#pragma once

#include <QAbstractTableModel>
#include <QColor>

#include <vector>

#include "store/run_store.h"

namespace gcpo::ui {

class RolloutTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        Index,
        Completion,
        ParsedAnswer,
        Correct,
        Reward,
        GrpoAdvantage,
        GcpoCredit,
        AdvantageUsed,
        Length,
        ColumnCount
    };

    explicit RolloutTableModel(QObject* parent = nullptr);

    void setRollouts(std::vector<gcpo::store::RolloutRecord> rollouts);  // model reset
    void clear();
    const std::vector<gcpo::store::RolloutRecord>& rollouts() const { return m_rollouts; }

    // Theme::divergingColour(value / maxAbs): -maxAbs -> orange, 0 -> the base colour, +maxAbs ->
    // green (maxAbs <= 0 gives the base colour).
    static QColor advantageColor(double value, double maxAbs);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<gcpo::store::RolloutRecord> m_rollouts;
    double m_maxAbsAdvantage = 0.0;
};

}  // namespace gcpo::ui
