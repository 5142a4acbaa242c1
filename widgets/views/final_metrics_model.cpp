// The compare view's final-metric table (see final_metrics_model.h).
#include "views/final_metrics_model.h"

#include <QColor>
#include <QFont>

#include <algorithm>
#include <cmath>

#include "theme.h"

namespace gcpo::ui {

namespace {

int digitsFor(double v) { return std::abs(v) >= 100 ? 1 : std::abs(v) >= 10 ? 2 : 3; }

QColor deltaColour(const PairedStat& d) {
    if (!d.excludesZero()) return {};
    const bool dark = Theme::instance()->isDark();
    if (d.mean > 0) return dark ? QColor(36, 92, 52) : QColor(198, 239, 206);
    return dark ? QColor(110, 38, 42) : QColor(255, 199, 206);
}

}  // namespace

FinalMetricsModel::FinalMetricsModel(QObject* parent) : QAbstractTableModel(parent) {}

void FinalMetricsModel::setRows(const QStringList& armNames, const QList<FinalMetricRow>& rows, const QString& deltaTitle) {
    beginResetModel();
    m_arms = armNames;
    m_rows = rows;
    m_deltaTitle = deltaTitle;
    endResetModel();
}

void FinalMetricsModel::clear() { setRows({}, {}, {}); }

QString FinalMetricsModel::formatStat(const ArmStat& s) {
    if (s.n == 0) return QStringLiteral("–");
    const int d = digitsFor(s.mean);
    if (s.n < 2) return QString::number(s.mean, 'f', d);
    return QStringLiteral("%1 ± %2").arg(s.mean, 0, 'f', d).arg((s.ciHigh - s.ciLow) / 2.0, 0, 'f', d);
}

QString FinalMetricsModel::formatDelta(const PairedStat& d) {
    if (d.n == 0) return QStringLiteral("–");
    const int digits = digitsFor(d.mean);
    const QString mean = QStringLiteral("%1%2").arg(d.mean >= 0 ? QStringLiteral("+") : QString()).arg(d.mean, 0, 'f', digits);
    if (d.n < 2) return mean;
    return QStringLiteral("%1 [%2, %3] p %4")
        .arg(mean)
        .arg(d.ciLow, 0, 'f', digits)
        .arg(d.ciHigh, 0, 'f', digits)
        .arg(d.pValue, 0, 'g', 2);
}

int FinalMetricsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int FinalMetricsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_arms.size()) + (hasDelta() ? 1 : 0);
}

QVariant FinalMetricsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= columnCount()) return {};
    const FinalMetricRow& row = m_rows[index.row()];
    const bool delta = index.column() == deltaColumn();
    if (delta) {
        switch (role) {
        case Qt::DisplayRole: return formatDelta(row.delta);
        case Qt::BackgroundRole: {
            const QColor c = deltaColour(row.delta);
            return c.isValid() ? QVariant(c) : QVariant();
        }
        case Qt::FontRole: {
            if (!row.delta.excludesZero()) return {};
            QFont f;
            f.setBold(true);
            return f;
        }
        case Qt::ToolTipRole:
            return tr(
                "Paired difference over %n seed(s) present in both arms: mean, paired bootstrap 95 % interval and "
                "sign-flip permutation p-value (as gcpo-train report). Coloured only when the interval excludes 0.",
                nullptr, row.delta.n);
        case ExcludesZeroRole: return row.delta.excludesZero();
        case MeanRole: return row.delta.mean;
        case Qt::TextAlignmentRole: return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default: return {};
        }
    }
    const ArmStat& s = row.arms.value(index.column());
    switch (role) {
    case Qt::DisplayRole: return formatStat(s);
    case Qt::ToolTipRole:
        return tr("%1, %2: mean %3 over %n seed(s), std %4, 95 % interval [%5, %6]", nullptr, s.n)
            .arg(m_arms.value(index.column()), row.label)
            .arg(s.mean, 0, 'g', 5)
            .arg(s.std, 0, 'g', 4)
            .arg(s.ciLow, 0, 'g', 5)
            .arg(s.ciHigh, 0, 'g', 5);
    case MeanRole: return s.mean;
    case Qt::TextAlignmentRole: return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default: return {};
    }
}

QVariant FinalMetricsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    if (orientation == Qt::Vertical) return section < m_rows.size() ? QVariant(m_rows[section].label) : QVariant();
    if (section == deltaColumn()) return m_deltaTitle;
    if (section < 0 || section >= m_arms.size()) return {};
    int n = 0;
    for (const FinalMetricRow& r : m_rows) n = std::max(n, r.arms.value(section).n);
    return tr("%1 (n = %2)").arg(m_arms[section]).arg(n);
}

QString FinalMetricsModel::toHtml() const {
    QString html = QStringLiteral("<table class=\"metrics\"><tr><th></th>");
    for (int c = 0; c < columnCount(); ++c)
        html += QStringLiteral("<th>%1</th>").arg(headerData(c, Qt::Horizontal).toString().toHtmlEscaped());
    html += QStringLiteral("</tr>\n");
    for (int r = 0; r < m_rows.size(); ++r) {
        html += QStringLiteral("<tr><th>%1</th>").arg(m_rows[r].label.toHtmlEscaped());
        for (int c = 0; c < columnCount(); ++c) {
            const QVariant bg = c == deltaColumn() && m_rows[r].delta.excludesZero()
                                    ? QVariant(m_rows[r].delta.mean > 0 ? QColor(198, 239, 206) : QColor(255, 199, 206))
                                    : QVariant();
            const QString style = bg.isValid()
                                      ? QStringLiteral(" style=\"background:%1;font-weight:bold\"").arg(bg.value<QColor>().name())
                                      : QString();
            html += QStringLiteral("<td%1>%2</td>").arg(style, data(index(r, c)).toString().toHtmlEscaped());
        }
        html += QStringLiteral("</tr>\n");
    }
    return html + QStringLiteral("</table>");
}

}  // namespace gcpo::ui
