// The log panel: the trainer child's stdout/stderr as it arrives, and the stored log tail of a
// run (for a run that crashed or failed, what it said last). Lines are coloured by level (info
// plain, warnings amber, errors red), judged from the text, not from the stream (gcpo-train writes
// its progress to stderr). The view follows the tail unless the user has scrolled up.
#pragma once

#include <QWidget>

class QPlainTextEdit;
class QLabel;

namespace gcpo::ui {

class LogPanel : public QWidget {
    Q_OBJECT
public:
    explicit LogPanel(QWidget* parent = nullptr);

    enum class Level { Info, Warning, Error };
    // fromStderr alone does not make a line an error; its text does ("error", "failed", ...).
    void appendLine(const QString& line, bool fromStderr = false);
    void appendLine(const QString& line, Level level);
    static Level levelOf(const QString& line);
    bool followsTail() const;  // the view is at the last line
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
