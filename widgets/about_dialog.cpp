// AboutDialog: program, Qt, QCustomPlot, schema and LibTorch versions.
#include "about_dialog.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include "run_launcher.h"
#include "store/run_store.h"

namespace gcpo::ui {

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("About GCPO Workbench"));
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("aboutText"));
    m_label->setTextFormat(Qt::RichText);
    m_label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_label->setOpenExternalLinks(true);
    m_label->setWordWrap(true);
    auto* icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/gcpo.svg")).pixmap(64, 64));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &AboutDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(icon, 0, Qt::AlignHCenter);
    layout->addWidget(m_label);
    layout->addWidget(buttons);
    setMinimumWidth(460);

    const QString trainer = RunLauncher::trainerPath();
    if (trainer.isEmpty()) {
        m_torch = tr("unknown (gcpo-train not found)");
    } else {
        m_trainer = new QProcess(this);
        connect(m_trainer, &QProcess::finished, this, &AboutDialog::onTrainerFinished);
        connect(m_trainer, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
            if (e != QProcess::FailedToStart) return;
            m_torch = tr("unknown (%1)").arg(m_trainer->errorString());
            updateText();
            emit versionsKnown();
        });
        m_trainer->start(trainer, {QStringLiteral("version"), QStringLiteral("--json")});
    }
    updateText();
}

void AboutDialog::onTrainerFinished() {
    const QJsonDocument doc = QJsonDocument::fromJson(m_trainer->readAllStandardOutput().trimmed());
    if (doc.isObject()) {
        const QJsonObject o = doc.object();
        m_torch = o.value(QLatin1String("libtorch")).toString();
        m_trainerInfo = tr("gcpo-train %1, %2, BLAS: %3")
                            .arg(o.value(QLatin1String("gcpo")).toString(),
                                 o.value(QLatin1String("cuda")).toBool() ? tr("CUDA available") : tr("CPU only"),
                                 o.value(QLatin1String("blas")).toString());
    } else {
        m_torch = tr("unknown (gcpo-train version --json gave no answer)");
    }
    updateText();
    emit versionsKnown();
}

QString AboutDialog::text() const { return m_label->text(); }

void AboutDialog::updateText() {
    const QString torch = m_torch.isEmpty() ? tr("asking gcpo-train…") : m_torch;
    QString html = tr("<h3>GCPO Workbench %1</h3>"
                      "<p>Reinforcement learning with verifiable rewards: GCPO (Shapley credit of "
                      "embedding-space coverage) compared with GRPO and its variants.</p>")
                       .arg(QCoreApplication::applicationVersion().toHtmlEscaped());
    html += QStringLiteral("<table>");
    const auto row = [&html](const QString& k, const QString& v) {
        html += QStringLiteral("<tr><td><b>%1</b>&nbsp;&nbsp;</td><td>%2</td></tr>").arg(k.toHtmlEscaped(), v.toHtmlEscaped());
    };
    row(tr("Qt"), tr("%1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)));
    row(tr("QCustomPlot"), QStringLiteral(QCUSTOMPLOT_VERSION_STR));
    row(tr("LibTorch"), torch);
    row(tr("Run database schema"), QString::number(gcpo::store::kSchemaVersion));
    if (!m_trainerInfo.isEmpty()) row(tr("Trainer"), m_trainerInfo);
    html += QStringLiteral("</table><p>") + tr("Licence: GPL-3.0-or-later.") + QStringLiteral("</p>");
    m_label->setText(html);
}

}  // namespace gcpo::ui
