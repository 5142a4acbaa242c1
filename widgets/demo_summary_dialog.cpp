// DemoSummaryDialog: a QTextBrowser showing the demo summary resource, non-modal.
#include "demo_summary_dialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace gcpo::ui {

namespace {
const char kResource[] = "demo/what_this_demo_shows.html";
}

QString DemoSummaryDialog::html(QString* source) {
    QString path = qEnvironmentVariable("GCPO_RESOURCES");
    if (path.isEmpty() || !QFile::exists(path + QLatin1Char('/') + QLatin1String(kResource))) path = QStringLiteral(":");
    path += QLatin1Char('/') + QLatin1String(kResource);
    if (source) *source = path;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return QString();
    return QString::fromUtf8(f.readAll());
}

DemoSummaryDialog::DemoSummaryDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("What this demo shows"));
    setObjectName(QStringLiteral("demoSummary"));
    m_browser = new QTextBrowser(this);
    m_browser->setOpenExternalLinks(true);
    QString source;
    const QString text = html(&source);
    if (text.isEmpty()) m_browser->setPlainText(tr("The demo summary (%1) could not be read.").arg(source));
    else m_browser->setHtml(text);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_browser, 1);
    layout->addWidget(buttons);
    resize(620, 640);
}

}  // namespace gcpo::ui
