// Item model of the compare view's final-metric table: one row per metric, one column per arm
// ("mean ± half-width of the 95 % t interval", n seeds) and a last column with the paired difference
// treatment − baseline over seeds ("+0.100 [0.093, 0.107] p 0.25": bootstrap interval, sign-flip
// p), coloured (green up, red down) only when its interval excludes 0.
// Flat table, 0 rows under a valid parent.
#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

#include "views/arm_stats.h"

namespace gcpo::ui {

struct FinalMetricRow {
    QString key;          // stored eval metric name ("pass@8")
    QString label;        // shown
    QList<ArmStat> arms;  // one per column
    PairedStat delta;     // treatment - baseline
};

class FinalMetricsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Role { ExcludesZeroRole = Qt::UserRole + 1, MeanRole };

    explicit FinalMetricsModel(QObject* parent = nullptr);

    // deltaTitle: e.g. "gcpo − grpo"; empty: no delta column (fewer than two arms).
    void setRows(const QStringList& armNames, const QList<FinalMetricRow>& rows, const QString& deltaTitle);
    void clear();
    const QList<FinalMetricRow>& rows() const { return m_rows; }
    QStringList armNames() const { return m_arms; }
    bool hasDelta() const { return !m_deltaTitle.isEmpty(); }
    int deltaColumn() const { return hasDelta() ? static_cast<int>(m_arms.size()) : -1; }
    QString deltaTitle() const { return m_deltaTitle; }

    // "0.412 ± 0.031" (or "0.412" for one seed, "–" for none), as shown in the cells.
    static QString formatStat(const ArmStat& s);
    static QString formatDelta(const PairedStat& d);
    // The table as HTML (<table>), with the same colours, for the report export.
    QString toHtml() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QStringList m_arms;
    QList<FinalMetricRow> m_rows;
    QString m_deltaTitle;
};

}  // namespace gcpo::ui
