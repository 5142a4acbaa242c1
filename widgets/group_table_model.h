// Item model of one step's rollout groups (prompt, reward mean/std, correct count, team coverage,
// zero-variance flag) for the rollout groups view. Flat table: 0 rows under a valid parent.
// Qt::DisplayRole gives text, Qt::UserRole the raw value for sorting (QSortFilterProxyModel with
// sortRole = Qt::UserRole), kGroupIndexRole the group's index within the step.
#pragma once

#include <QAbstractTableModel>
#include <QList>

#include <vector>

#include "store/run_store.h"

namespace gcpo::ui {

class GroupTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Index, Prompt, Family, RewardMean, RewardStd, Correct, TeamCoverage, ZeroStd, ColumnCount };
    static constexpr int kGroupIndexRole = Qt::UserRole + 1;

    explicit GroupTableModel(QObject* parent = nullptr);

    // Replaces the content (model reset). groupSize is G, shown as "correct / G".
    void setGroups(std::vector<gcpo::store::GroupRecord> groups, int groupSize = 0);
    void clear();
    // Groups with no correct rollout whose rollouts still got a non-zero advantage (e.g. GCPO
    // credit from a format-only reward): marked in the Correct column with a warning.
    void setFlaggedGroups(const QList<int>& groupIndices);
    bool isFlagged(int groupIndex) const { return m_flagged.contains(groupIndex); }
    const std::vector<gcpo::store::GroupRecord>& groups() const { return m_groups; }
    const gcpo::store::GroupRecord* groupAt(int row) const;
    int rowOfGroup(int groupIndex) const;  // -1 when absent

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<gcpo::store::GroupRecord> m_groups;
    int m_groupSize = 0;
    QList<int> m_flagged;
};

}  // namespace gcpo::ui
