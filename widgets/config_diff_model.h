// Item model of the settings that differ between runs: the runs' config JSON flattened to key
// paths ("gcpo.volume_scale", "sampling.temperature"), one row per path whose value is not the
// same in every run (a path missing from a run counts as different), one column per run.
#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace gcpo::ui {

class ConfigDiffModel : public QAbstractTableModel {
    Q_OBJECT

public:
    explicit ConfigDiffModel(QObject* parent = nullptr);

    // Flattens a JSON document to "a.b.c" -> compact value text (arrays index as "a.0").
    // Invalid JSON gives an empty map.
    static QMap<QString, QString> flatten(const QString& json);

    // runNames and configJsons are parallel lists (one column each). Model reset.
    void setRuns(const QStringList& runNames, const QStringList& configJsons);
    void clear();
    QStringList differingKeys() const { return m_keys; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QStringList m_runNames;
    QList<QMap<QString, QString>> m_flat;
    QStringList m_keys;
};

}  // namespace gcpo::ui
