// Item model of one evaluation prompt's samples side by side (see eval_sample_model.h).
#include "eval_sample_model.h"

#include <QColor>
#include <QSet>

#include <algorithm>

namespace gcpo::ui {

EvalSampleModel::EvalSampleModel(QObject* parent) : QAbstractTableModel(parent) {}

void EvalSampleModel::setSamples(const QStringList& runNames, const QList<std::vector<gcpo::store::EvalSample>>& samples) {
    beginResetModel();
    m_runNames = runNames;
    m_samples = samples;
    m_rows = 0;
    for (auto& s : m_samples) {
        std::sort(s.begin(), s.end(), [](const auto& a, const auto& b) { return a.sampleIndex < b.sampleIndex; });
        if (!s.empty()) m_rows = std::max(m_rows, s.back().sampleIndex + 1);
    }
    endResetModel();
}

void EvalSampleModel::clear() { setSamples({}, {}); }

const gcpo::store::EvalSample* EvalSampleModel::sample(int row, int column) const {
    if (column < 0 || column >= m_samples.size()) return nullptr;
    for (const auto& s : m_samples[column])
        if (s.sampleIndex == row) return &s;
    return nullptr;
}

int EvalSampleModel::firstWithAnswer(int column, const gcpo::store::EvalSample& s) const {
    const std::string& key = s.canonicalAnswer.empty() ? s.parsedAnswer : s.canonicalAnswer;
    for (const auto& other : m_samples[column])  // sorted by sample index
        if (other.correct && (other.canonicalAnswer.empty() ? other.parsedAnswer : other.canonicalAnswer) == key)
            return other.sampleIndex;
    return s.sampleIndex;
}

int EvalSampleModel::correctCount(int column) const {
    if (column < 0 || column >= m_samples.size()) return 0;
    return static_cast<int>(
        std::count_if(m_samples[column].begin(), m_samples[column].end(), [](const auto& s) { return s.correct; }));
}

int EvalSampleModel::distinctCorrect(int column) const {
    if (column < 0 || column >= m_samples.size()) return 0;
    QSet<QString> answers;
    for (const auto& s : m_samples[column])
        if (s.correct) answers.insert(QString::fromStdString(s.canonicalAnswer.empty() ? s.parsedAnswer : s.canonicalAnswer));
    return answers.size();
}

int EvalSampleModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : m_rows; }

int EvalSampleModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_samples.size());
}

QVariant EvalSampleModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    const gcpo::store::EvalSample* s = sample(index.row(), index.column());
    if (!s) return {};
    switch (role) {
    case Qt::DisplayRole: {
        const QString answer = QString::fromStdString(s->parsedAnswer);
        QString text =
            (s->correct ? QStringLiteral("✓ ") : QStringLiteral("✗ ")) + (answer.isEmpty() ? tr("(no answer)") : answer);
        if (s->correct) {
            const int first = firstWithAnswer(index.column(), *s);
            text += first == s->sampleIndex ? QStringLiteral("  ★") : tr("  (= #%1)").arg(first);
        }
        return text;
    }
    case Qt::ToolTipRole: return QString::fromStdString(s->completion);
    case Qt::BackgroundRole: return s->correct ? QColor(198, 239, 206) : QColor(255, 199, 206);
    case Qt::ForegroundRole: return QColor(20, 20, 20);
    case Qt::UserRole: return s->correct;
    default: return {};
    }
}

QVariant EvalSampleModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    if (orientation == Qt::Vertical) return tr("sample %1").arg(section);
    return section < m_runNames.size() ? QVariant(m_runNames[section]) : QVariant();
}

}  // namespace gcpo::ui
