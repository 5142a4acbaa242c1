// Item model of the compare view's prompt list: one row per held-out eval prompt with the share of
// each compared arm's runs that solved it (at least one correct sample), filtered by outcome
// ("treatment solved, baseline not", ...). A prompt counts as solved by an arm when at least half
// of the arm's runs solved it. Flat table, 0 rows under a valid parent.
#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QMap>

namespace gcpo::ui {

class PromptOutcomeModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { ColPrompt, ColText, ColBaseline, ColTreatment, ColumnCount };
    enum class Filter { All, TreatmentOnly, BaselineOnly, Both, Neither };
    static constexpr int kPromptIndexRole = Qt::UserRole + 1;

    explicit PromptOutcomeModel(QObject* parent = nullptr);

    // Prompt index -> text, and each arm's solved share per prompt. Model reset.
    void setPrompts(const QMap<int, QString>& texts, const QString& baselineName, const QMap<int, double>& baseline,
                    const QString& treatmentName, const QMap<int, double>& treatment);
    void setFilter(Filter f);
    Filter filter() const { return m_filter; }
    static bool solved(double share) { return share >= 0.5; }
    // Prompts shown (after the filter), in index order; and how many match each filter.
    QList<int> shownPrompts() const { return m_shown; }
    int countFor(Filter f) const;
    int rowOfPrompt(int promptIndex) const { return static_cast<int>(m_shown.indexOf(promptIndex)); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    bool accepts(int prompt, Filter f) const;
    void rebuild();

    QMap<int, QString> m_texts;
    QMap<int, double> m_baseline, m_treatment;
    QString m_baselineName, m_treatmentName;
    Filter m_filter = Filter::All;
    QList<int> m_shown;
};

}  // namespace gcpo::ui
