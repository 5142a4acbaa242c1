// CompareView::exportReport: the Summary tab as one PDF or one self-contained HTML file. Both are
// made from the same HTML (title, verdict, the final-metric table, the three plots); the HTML file
// embeds the plots as base64 PNG, the PDF is that document printed by QTextDocument.
#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>

#include <qcustomplot.h>

#include "views/arm_curves.h"
#include "views/compare_view.h"
#include "views/final_metrics_model.h"

namespace gcpo::ui {

namespace {

constexpr int kPlotWidth = 900, kPlotHeight = 480;

QByteArray pngOf(QCustomPlot* plot) {
    // Rendered off-screen at a fixed size (1.5x for print), independent of the widget's size.
    const QPixmap pixmap = plot->toPixmap(kPlotWidth, kPlotHeight, 1.5);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    pixmap.save(&buffer, "PNG");
    return bytes;
}

}  // namespace

bool CompareView::exportReport(const QString& path, QString* error) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("pdf") && suffix != QLatin1String("html") && suffix != QLatin1String("htm")) {
        if (error) *error = tr("Unknown report format \"%1\" (use .pdf or .html): %2").arg(suffix, path);
        return false;
    }
    if (m_data.arms().isEmpty()) {
        if (error) *error = tr("Nothing to export: select the runs to compare first");
        return false;
    }
    const QString css = QStringLiteral(
        "body{font-family:sans-serif;color:#222}table.metrics{border-collapse:collapse}"
        "table.metrics td,table.metrics th{border:1px solid #bbb;padding:3px 8px;text-align:right}"
        "table.metrics th{background:#eee}img{max-width:100%}");
    const QList<QPair<QString, QCustomPlot*>> plots{
        {tr("Curves: seed mean and 95 % band (%1)").arg(m_curves->metric()), m_curves->plot()},
        {tr("pass@k against k"), m_passPlot},
        {tr("Per-prompt pass@%1").arg(m_k), m_scatterPlot}};
    QList<QByteArray> images;
    for (const auto& p : plots) images << pngOf(p.second);

    auto body = [&](bool embed) {
        QString html =
            QStringLiteral("<h1>%1</h1><p>%2</p><p>%3</p>")
                .arg(tr("GCPO Workbench comparison").toHtmlEscaped(), m_headline->text(),
                     tr("Database %1, exported %2. Arm intervals: 95 % Student t over seeds; differences paired by seed with a "
                        "paired bootstrap 95 % interval and a sign-flip permutation p-value (as gcpo-train report).")
                         .arg(m_source ? m_source->databasePath() : QString(), QDateTime::currentDateTime().toString(Qt::ISODate))
                         .toHtmlEscaped());
        html += QStringLiteral("<h2>%1</h2>").arg(tr("Final metrics").toHtmlEscaped()) + m_metricsModel->toHtml();
        for (int i = 0; i < plots.size(); ++i) {
            const QString src = embed ? QStringLiteral("data:image/png;base64,") + QString::fromLatin1(images[i].toBase64())
                                      : QStringLiteral("plot%1.png").arg(i);
            html += QStringLiteral("<h2>%1</h2><p><img src=\"%2\" width=\"%3\"></p>")
                        .arg(plots[i].first.toHtmlEscaped(), src)
                        .arg(kPlotWidth * 2 / 3);
        }
        return html;
    };

    if (suffix == QLatin1String("pdf")) {
        QTextDocument doc;
        doc.setDefaultStyleSheet(css);
        for (int i = 0; i < images.size(); ++i)
            doc.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("plot%1.png").arg(i)),
                            QImage::fromData(images[i], "PNG"));
        doc.setHtml(body(false));
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
            return false;
        }
        {
            QPdfWriter pdf(&file);
            pdf.setPageSize(QPageSize(QPageSize::A4));
            pdf.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
            pdf.setTitle(tr("GCPO Workbench comparison"));
            doc.print(&pdf);
        }
        if (!file.commit()) {
            if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
            return false;
        }
        return true;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    const QString page =
        QStringLiteral(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title><style>%2</style></head><body>%3</body></html>\n")
            .arg(tr("GCPO Workbench comparison").toHtmlEscaped(), css, body(true));
    file.write(page.toUtf8());
    if (!file.commit()) {
        if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

}  // namespace gcpo::ui
