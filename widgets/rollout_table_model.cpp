// Item model of one group's rollouts, coloured by advantage (see rollout_table_model.h).
#include "rollout_table_model.h"

#include <algorithm>
#include <cmath>

#include "theme.h"

namespace gcpo::ui {

RolloutTableModel::RolloutTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void RolloutTableModel::setRollouts(std::vector<gcpo::store::RolloutRecord> rollouts) {
    beginResetModel();
    m_rollouts = std::move(rollouts);
    m_maxAbsAdvantage = 0.0;
    for (const auto& r : m_rollouts)
        if (std::isfinite(r.advantageUsed)) m_maxAbsAdvantage = std::max(m_maxAbsAdvantage, std::abs(r.advantageUsed));
    endResetModel();
}

void RolloutTableModel::clear() { setRollouts({}); }

QColor RolloutTableModel::advantageColor(double value, double maxAbs) {
    if (!(maxAbs > 0.0) || !std::isfinite(value)) return Theme::divergingColour(0.0);
    return Theme::divergingColour(value / maxAbs);
}

int RolloutTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rollouts.size());
}

int RolloutTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant RolloutTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= static_cast<int>(m_rollouts.size()) || index.column() >= ColumnCount) return {};
    const auto& r = m_rollouts[static_cast<size_t>(index.row())];
    if (role == Qt::BackgroundRole) return advantageColor(r.advantageUsed, m_maxAbsAdvantage);
    if (role == Qt::ToolTipRole && index.column() == Completion) return QString::fromStdString(r.completion);
    if (role == Qt::TextAlignmentRole)
        return index.column() == Completion || index.column() == ParsedAnswer ? QVariant()
                                                                              : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::UserRole) return {};
    const bool raw = role == Qt::UserRole;
    auto num = [raw](double v, int digits) { return raw ? QVariant(v) : QVariant(QString::number(v, 'f', digits)); };
    switch (index.column()) {
    case Index: return r.rolloutIndex;
    case Completion: {
        const QString c = QString::fromStdString(r.completion).simplified();
        return raw || c.size() <= 160 ? c : c.left(157) + QStringLiteral("...");
    }
    case ParsedAnswer: return QString::fromStdString(r.parsedAnswer);
    case Correct: return raw ? QVariant(r.correct) : QVariant(r.correct ? tr("yes") : tr("no"));
    case Reward: return num(r.reward, 3);
    case GrpoAdvantage: return num(r.grpoAdvantage, 4);
    case GcpoCredit: return num(r.gcpoCredit, 4);
    case AdvantageUsed: return num(r.advantageUsed, 4);
    case Length: return r.length;
    default: return {};
    }
}

QVariant RolloutTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case GcpoCredit: return tr("Shapley credit of this rollout in the group's coverage game");
        case AdvantageUsed:
            return tr(
                "The advantage the loss used (row colour: green positive, orange negative, "
                "stronger for larger magnitude)");
        default: return {};
        }
    }
    if (role != Qt::DisplayRole) return {};
    switch (section) {
    case Index: return tr("#");
    case Completion: return tr("Completion");
    case ParsedAnswer: return tr("Answer");
    case Correct: return tr("Correct");
    case Reward: return tr("Reward");
    case GrpoAdvantage: return tr("GRPO advantage");
    case GcpoCredit: return tr("GCPO credit");
    case AdvantageUsed: return tr("Advantage used");
    case Length: return tr("Length");
    default: return {};
    }
}

}  // namespace gcpo::ui
