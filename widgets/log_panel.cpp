// LogPanel: trainer output and stored run logs, with clear and save.
#include "log_panel.h"

#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTextStream>
#include <QToolButton>
#include <QVBoxLayout>

#include <exception>

#include "store/run_store.h"
#include "theme.h"

namespace gcpo::ui {

namespace {
constexpr int kMaxBlocks = 20000;  // older lines scroll away; the database keeps the run's own log
}

LogPanel::LogPanel(QWidget* parent) : QWidget(parent) {
    m_text = new QPlainTextEdit(this);
    m_text->setReadOnly(true);
    m_text->setMaximumBlockCount(kMaxBlocks);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFont(QStringLiteral("monospace")));
    m_text->setObjectName(QStringLiteral("logText"));

    auto* clearButton = new QToolButton(this);
    clearButton->setText(tr("Clear"));
    clearButton->setToolTip(tr("Clear the log panel (the run database keeps its own log)"));
    connect(clearButton, &QToolButton::clicked, this, &LogPanel::clear);
    auto* saveButton = new QToolButton(this);
    saveButton->setText(tr("Save…"));
    saveButton->setToolTip(tr("Save the log panel's text to a file"));
    connect(saveButton, &QToolButton::clicked, this, &LogPanel::saveToFile);

    auto* buttons = new QVBoxLayout;
    buttons->addWidget(clearButton);
    buttons->addWidget(saveButton);
    buttons->addStretch(1);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_text, 1);
    layout->addLayout(buttons);
}

LogPanel::Level LogPanel::levelOf(const QString& line) {
    static const QRegularExpression error(QStringLiteral("\\b(error|fatal|failed|exception|cannot|terminate)"),
                                          QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression warning(QStringLiteral("\\b(warn|warning|interrupted|crashed)"),
                                            QRegularExpression::CaseInsensitiveOption);
    if (error.match(line).hasMatch()) return Level::Error;
    if (warning.match(line).hasMatch()) return Level::Warning;
    return Level::Info;
}

void LogPanel::appendLine(const QString& line, bool fromStderr) {
    (void)fromStderr;  // the stream says nothing about the level: gcpo-train's progress goes to stderr
    appendLine(line, levelOf(line));
}

bool LogPanel::followsTail() const {
    const QScrollBar* bar = m_text->verticalScrollBar();
    return bar->value() >= bar->maximum() - 1;
}

void LogPanel::appendLine(const QString& line, Level level) {
    // Follow the tail only when the view was at it (the user may be reading older lines); a
    // horizontal scroll bar does not change that.
    const bool follow = followsTail();
    const int keep = m_text->verticalScrollBar()->value();
    const QString escaped = line.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    const bool dark = Theme::instance()->isDark();
    switch (level) {
    case Level::Error:
        m_text->appendHtml(
            QStringLiteral("<span style=\"color:%1\">%2</span>").arg(QLatin1String(dark ? "#ff6b6b" : "#c9302c"), escaped));
        break;
    case Level::Warning:
        m_text->appendHtml(
            QStringLiteral("<span style=\"color:%1\">%2</span>").arg(QLatin1String(dark ? "#f0ad4e" : "#b36b00"), escaped));
        break;
    case Level::Info: m_text->appendHtml(QStringLiteral("<span>%1</span>").arg(escaped)); break;
    }
    QScrollBar* bar = m_text->verticalScrollBar();
    bar->setValue(follow ? bar->maximum() : keep);
}

bool LogPanel::showStoredLog(const QString& database, qint64 runId, const QString& runName, int maxLines) {
    try {
        const gcpo::store::RunStore store(database.toStdString(), gcpo::store::RunStore::Mode::Read);
        const auto lines = store.logTail(runId, maxLines);
        appendLine(tr("── last %n log line(s) of run %1 (%2) ──", nullptr, int(lines.size())).arg(runId).arg(runName));
        for (const auto& l : lines) {
            const QString when = QDateTime::fromMSecsSinceEpoch(qint64(l.time * 1000.0)).toString(QStringLiteral("HH:mm:ss"));
            const QString level = QString::fromStdString(l.level);
            const Level lv = level == QLatin1String("error")           ? Level::Error
                             : level.startsWith(QLatin1String("warn")) ? Level::Warning
                                                                       : levelOf(QString::fromStdString(l.text));
            appendLine(QStringLiteral("%1 [%2] %3").arg(when, level, QString::fromStdString(l.text)), lv);
        }
        return true;
    } catch (const std::exception& e) {
        appendLine(tr("Could not read the log of run %1: %2").arg(runId).arg(QString::fromUtf8(e.what())), Level::Error);
        return false;
    }
}

void LogPanel::clear() { m_text->clear(); }
QString LogPanel::text() const { return m_text->toPlainText(); }
int LogPanel::lineCount() const { return m_text->document()->isEmpty() ? 0 : m_text->blockCount(); }

void LogPanel::saveToFile() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save log"), QStringLiteral("gcpo-train.log"),
                                                      tr("Log files (*.log *.txt);;All files (*)"));
    if (path.isEmpty()) return;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) {
        appendLine(tr("Could not write %1: %2").arg(path, f.errorString()), Level::Error);
        return;
    }
    QTextStream(&f) << m_text->toPlainText() << '\n';
}

}  // namespace gcpo::ui
