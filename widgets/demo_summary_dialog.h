// DemoSummaryDialog: the "What this demo shows" panel: the demo's question, its measured result
// with its uncertainty, and what is still running. The text is a resource file
// (resources/demo/what_this_demo_shows.html) so its figures are updated without code changes.
#pragma once

#include <QDialog>
#include <QString>

class QTextBrowser;

namespace gcpo::ui {

class DemoSummaryDialog : public QDialog {
    Q_OBJECT
public:
    explicit DemoSummaryDialog(QWidget* parent = nullptr);

    // The panel's HTML: $GCPO_RESOURCES/demo/what_this_demo_shows.html when that file exists (for
    // editing the text without a rebuild), else the copy built into the program.
    static QString html(QString* source = nullptr);
    QTextBrowser* browser() const { return m_browser; }

private:
    QTextBrowser* m_browser = nullptr;
};

}  // namespace gcpo::ui
