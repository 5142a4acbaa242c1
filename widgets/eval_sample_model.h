// Item model of one evaluation prompt's samples side by side: one row per sample index, one column
// per run showing the parsed answer (background green when correct, red when not; the completion
// as tooltip); the first sample of each distinct correct answer is starred, later ones point to it. Flat table, 0 rows under a valid parent.
#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

#include <vector>

#include "store/run_store.h"

namespace gcpo::ui {

class EvalSampleModel : public QAbstractTableModel {
    Q_OBJECT

public:
    explicit EvalSampleModel(QObject* parent = nullptr);

    // samples[c] are run c's samples of the one prompt (any order). Model reset.
    void setSamples(const QStringList& runNames, const QList<std::vector<gcpo::store::EvalSample>>& samples);
    void clear();

    // Per run: correct samples, and distinct correct answers (by canonical answer).
    int correctCount(int column) const;
    int distinctCorrect(int column) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const gcpo::store::EvalSample* sample(int row, int column) const;
    // Sample index of the first correct sample of the column with the same (canonical) answer.
    int firstWithAnswer(int column, const gcpo::store::EvalSample& s) const;

    QStringList m_runNames;
    QList<std::vector<gcpo::store::EvalSample>> m_samples;  // each sorted by sampleIndex
    int m_rows = 0;
};

}  // namespace gcpo::ui
