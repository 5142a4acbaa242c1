// The compare view's prompt list with outcome filters (see prompt_outcome_model.h).
#include "views/prompt_outcome_model.h"

#include <cmath>

namespace gcpo::ui {

PromptOutcomeModel::PromptOutcomeModel(QObject* parent) : QAbstractTableModel(parent) {}

void PromptOutcomeModel::setPrompts(const QMap<int, QString>& texts, const QString& baselineName,
                                    const QMap<int, double>& baseline, const QString& treatmentName,
                                    const QMap<int, double>& treatment) {
    beginResetModel();
    m_texts = texts;
    m_baselineName = baselineName;
    m_baseline = baseline;
    m_treatmentName = treatmentName;
    m_treatment = treatment;
    rebuild();
    endResetModel();
}

void PromptOutcomeModel::setFilter(Filter f) {
    beginResetModel();
    m_filter = f;
    rebuild();
    endResetModel();
}

bool PromptOutcomeModel::accepts(int prompt, Filter f) const {
    const bool b = solved(m_baseline.value(prompt, 0.0));
    const bool t = solved(m_treatment.value(prompt, 0.0));
    switch (f) {
    case Filter::All: return true;
    case Filter::TreatmentOnly: return t && !b;
    case Filter::BaselineOnly: return b && !t;
    case Filter::Both: return b && t;
    case Filter::Neither: return !b && !t;
    }
    return true;
}

void PromptOutcomeModel::rebuild() {
    m_shown.clear();
    for (auto it = m_texts.cbegin(); it != m_texts.cend(); ++it)
        if (accepts(it.key(), m_filter)) m_shown << it.key();
}

int PromptOutcomeModel::countFor(Filter f) const {
    int n = 0;
    for (auto it = m_texts.cbegin(); it != m_texts.cend(); ++it) n += accepts(it.key(), f) ? 1 : 0;
    return n;
}

int PromptOutcomeModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_shown.size());
}
int PromptOutcomeModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant PromptOutcomeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_shown.size()) return {};
    const int p = m_shown[index.row()];
    if (role == kPromptIndexRole) return p;
    if (role == Qt::ToolTipRole) return m_texts.value(p);
    if (role == Qt::TextAlignmentRole && index.column() != ColText) return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole) return {};
    auto share = [](const QMap<int, double>& m, int prompt) -> QVariant {
        const auto it = m.constFind(prompt);
        return it == m.cend() ? QVariant(QStringLiteral("–"))
                              : QVariant(QStringLiteral("%1 %").arg(std::lround(100.0 * it.value())));
    };
    switch (index.column()) {
    case ColPrompt: return p;
    case ColText: return m_texts.value(p).simplified();
    case ColBaseline: return share(m_baseline, p);
    case ColTreatment: return share(m_treatment, p);
    default: return {};
    }
}

QVariant PromptOutcomeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole && (section == ColBaseline || section == ColTreatment))
        return tr("Share of the arm's runs with at least one correct sample for this prompt");
    if (role != Qt::DisplayRole) return {};
    switch (section) {
    case ColPrompt: return tr("#");
    case ColText: return tr("Prompt");
    case ColBaseline: return tr("%1 solved").arg(m_baselineName);
    case ColTreatment: return tr("%1 solved").arg(m_treatmentName);
    default: return {};
    }
}

}  // namespace gcpo::ui
