// The curves view's metric picker: entries grouped by category, each one or more metric keys
// ("reward", "eval/pass@8", "time/sampling") drawn together, with translated labels.
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace gcpo::ui {

struct MetricEntry {
    QString id;           // stable identifier ("eval/pass@k", or the key for one-key entries)
    QString category;     // translated ("Accuracy", "Diversity", ...)
    QString label;        // translated
    QStringList keys;     // drawn together: each key its own line style, each run its own colour
    QString unit;         // translated y unit ("fraction", "tokens", "s"); empty when dimensionless
    bool sparse = false;  // evaluation series: a few points, drawn raw with markers, never smoothed
};

class MetricCatalog {
    Q_DECLARE_TR_FUNCTIONS(gcpo::ui::MetricCatalog)

public:
    static QList<MetricEntry> entries();
    // The entry with this id; an id that is not in the catalog is a single metric key of that name.
    static MetricEntry entry(const QString& id);
    static bool contains(const QString& id);
    static QString unitOf(const QString& id);  // translated unit of an entry id or metric key
};

}  // namespace gcpo::ui
