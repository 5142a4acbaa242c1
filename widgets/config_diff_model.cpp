// Item model of the settings that differ between runs (see config_diff_model.h).
#include "config_diff_model.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace gcpo::ui {

namespace {

void flattenValue(const QJsonValue& v, const QString& prefix, QMap<QString, QString>* out) {
    auto join = [&prefix](const QString& k) { return prefix.isEmpty() ? k : prefix + QLatin1Char('.') + k; };
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        if (o.isEmpty() && !prefix.isEmpty()) out->insert(prefix, QStringLiteral("{}"));
        for (auto it = o.begin(); it != o.end(); ++it) flattenValue(it.value(), join(it.key()), out);
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        if (a.isEmpty() && !prefix.isEmpty()) out->insert(prefix, QStringLiteral("[]"));
        for (int i = 0; i < a.size(); ++i) flattenValue(a[i], join(QString::number(i)), out);
    } else if (v.isString()) {
        out->insert(prefix, v.toString());
    } else if (v.isBool()) {
        out->insert(prefix, v.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
    } else if (v.isDouble()) {
        out->insert(prefix, QString::number(v.toDouble(), 'g', 12));
    } else {
        out->insert(prefix, QStringLiteral("null"));
    }
}

}  // namespace

ConfigDiffModel::ConfigDiffModel(QObject* parent) : QAbstractTableModel(parent) {}

QMap<QString, QString> ConfigDiffModel::flatten(const QString& json) {
    QMap<QString, QString> out;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) return out;
    if (doc.isObject()) flattenValue(doc.object(), {}, &out);
    else if (doc.isArray()) flattenValue(doc.array(), {}, &out);
    return out;
}

void ConfigDiffModel::setRuns(const QStringList& runNames, const QStringList& configJsons) {
    beginResetModel();
    m_runNames = runNames;
    m_flat.clear();
    m_keys.clear();
    for (const QString& j : configJsons) m_flat.append(flatten(j));
    QSet<QString> all;
    for (const auto& f : m_flat)
        for (auto it = f.begin(); it != f.end(); ++it) all.insert(it.key());
    for (const QString& k : all) {
        bool differs = false;
        for (int i = 1; i < m_flat.size() && !differs; ++i)
            differs = m_flat[i].contains(k) != m_flat[0].contains(k) || m_flat[i].value(k) != m_flat[0].value(k);
        if (differs) m_keys.append(k);
    }
    m_keys.sort();
    endResetModel();
}

void ConfigDiffModel::clear() { setRuns({}, {}); }

int ConfigDiffModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : m_keys.size(); }

int ConfigDiffModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : 1 + m_flat.size(); }

QVariant ConfigDiffModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_keys.size() || index.column() > m_flat.size()) return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    const QString& key = m_keys[index.row()];
    if (index.column() == 0) return key;
    const auto& f = m_flat[index.column() - 1];
    return f.contains(key) ? f.value(key) : tr("(not set)");
}

QVariant ConfigDiffModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == 0) return tr("Setting");
    return section - 1 < m_runNames.size() ? QVariant(m_runNames[section - 1]) : QVariant();
}

}  // namespace gcpo::ui
