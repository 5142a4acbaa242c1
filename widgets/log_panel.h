// The log panel: the trainer child's stdout/stderr as it arrives, and the stored log tail of a
// run (for a run that crashed or failed, what it said last).
#pragma once

#include <QWidget>

class QPlainTextEdit;
class QLabel;

namespace gcpo::ui {

class LogPanel : public QWidget {
    Q_OBJECT
public:
    explicit LogPanel(QWidget* parent = nullptr);

    void appendLine(const QString& line, bool isError = false);
    // Reads the last lines the run wrote to its database log and shows them under a header.
    // Returns false (and says why in the panel) when the database cannot be read.
    bool showStoredLog(const QString& database, qint64 runId, const QString& runName, int maxLines = 40);
    void clear();
    QString text() const;
    int lineCount() const;

private:
    void saveToFile();

    QPlainTextEdit* m_text = nullptr;
};

}  // namespace gcpo::ui
