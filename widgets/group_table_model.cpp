// Item model of one step's rollout groups (see group_table_model.h).
#include "group_table_model.h"

#include <QApplication>
#include <QColor>
#include <QPalette>

namespace gcpo::ui {

GroupTableModel::GroupTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void GroupTableModel::setGroups(std::vector<gcpo::store::GroupRecord> groups, int groupSize) {
    beginResetModel();
    m_groups = std::move(groups);
    m_groupSize = groupSize;
    endResetModel();
}

void GroupTableModel::clear() {
    m_flagged.clear();
    setGroups({}, 0);
}

void GroupTableModel::setFlaggedGroups(const QList<int>& groupIndices) {
    m_flagged = groupIndices;
    if (!m_groups.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

const gcpo::store::GroupRecord* GroupTableModel::groupAt(int row) const {
    return row >= 0 && row < static_cast<int>(m_groups.size()) ? &m_groups[static_cast<size_t>(row)] : nullptr;
}

int GroupTableModel::rowOfGroup(int groupIndex) const {
    for (size_t i = 0; i < m_groups.size(); ++i)
        if (m_groups[i].groupIndex == groupIndex) return static_cast<int>(i);
    return -1;
}

int GroupTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_groups.size());
}

int GroupTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant GroupTableModel::data(const QModelIndex& index, int role) const {
    const gcpo::store::GroupRecord* g = index.isValid() ? groupAt(index.row()) : nullptr;
    if (!g || index.column() < 0 || index.column() >= ColumnCount) return {};
    if (role == kGroupIndexRole) return g->groupIndex;
    if (role == Qt::ToolTipRole && index.column() == Prompt) return QString::fromStdString(g->prompt);
    if (role == Qt::TextAlignmentRole)
        return index.column() == Prompt || index.column() == Family ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    const bool flagged = m_flagged.contains(g->groupIndex);
    if (flagged && index.column() == Correct) {
        if (role == Qt::BackgroundRole) return QColor(255, 200, 90);
        if (role == Qt::ForegroundRole) return QColor(20, 20, 20);
        if (role == Qt::ToolTipRole)
            return tr(
                "No rollout is correct, yet the advantages are not all zero: the rewards differ only by the "
                "format reward, and GCPO's credit of that reward moves the policy");
    }
    if (role == Qt::ForegroundRole && g->zeroStd) return QApplication::palette().color(QPalette::Disabled, QPalette::Text);
    if (role != Qt::DisplayRole && role != Qt::UserRole) return {};
    const bool raw = role == Qt::UserRole;
    switch (index.column()) {
    case Index: return g->groupIndex;
    case Prompt: {
        const QString p = QString::fromStdString(g->prompt).simplified();
        return raw || p.size() <= 120 ? p : p.left(117) + QStringLiteral("...");
    }
    case Family: return QString::fromStdString(g->family);
    case RewardMean: return raw ? QVariant(g->rewardMean) : QVariant(QString::number(g->rewardMean, 'f', 3));
    case RewardStd: return raw ? QVariant(g->rewardStd) : QVariant(QString::number(g->rewardStd, 'f', 3));
    case Correct:
        if (raw || m_groupSize <= 0) return g->correctCount;
        return QStringLiteral("%1 / %2%3").arg(g->correctCount).arg(m_groupSize).arg(flagged ? QStringLiteral("  ⚠") : QString());
    case TeamCoverage: return raw ? QVariant(g->teamCoverage) : QVariant(QString::number(g->teamCoverage, 'f', 4));
    case ZeroStd: return raw ? QVariant(g->zeroStd) : QVariant(g->zeroStd ? tr("yes") : QString());
    default: return {};
    }
}

QVariant GroupTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case TeamCoverage: return tr("GCPO team reward: log det(I + beta L) of the reward-weighted kernel");
        case ZeroStd: return tr("All rewards equal: GRPO gets no signal from this group");
        default: return {};
        }
    }
    if (role != Qt::DisplayRole) return {};
    switch (section) {
    case Index: return tr("Group");
    case Prompt: return tr("Prompt");
    case Family: return tr("Family");
    case RewardMean: return tr("Reward mean");
    case RewardStd: return tr("Reward std");
    case Correct: return tr("Correct");
    case TeamCoverage: return tr("Team coverage");
    case ZeroStd: return tr("Zero variance");
    default: return {};
    }
}

}  // namespace gcpo::ui
