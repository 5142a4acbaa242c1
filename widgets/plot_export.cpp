// Export of QCustomPlot plots to PNG, PDF, SVG and full-resolution CSV (see plot_export.h).
#include "plot_export.h"

#include <QFile>
#include <QFileInfo>
#include <QSvgGenerator>
#include <QTextStream>

#include <qcustomplot.h>

namespace gcpo::ui {

namespace {

void fail(QString* error, const QString& message) {
    if (error) *error = message;
}

QString csvField(const QString& s) {
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n'))) return s;
    QString q = s;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QString num(double v) { return QString::number(v, 'g', 17); }

void sizeFor(QCustomPlot* plot, int* w, int* h) {
    if (*w <= 0) *w = plot->width() > 50 ? plot->width() : 800;
    if (*h <= 0) *h = plot->height() > 50 ? plot->height() : 500;
}

}  // namespace

bool plotFormatFromPath(const QString& path, PlotFormat* format) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png")) *format = PlotFormat::Png;
    else if (suffix == QLatin1String("pdf")) *format = PlotFormat::Pdf;
    else if (suffix == QLatin1String("svg")) *format = PlotFormat::Svg;
    else if (suffix == QLatin1String("csv")) *format = PlotFormat::Csv;
    else return false;
    return true;
}

bool exportPlot(QCustomPlot* plot, const QString& path, QString* error) {
    PlotFormat format;
    if (!plotFormatFromPath(path, &format)) {
        fail(error,
             QCoreApplication::translate("gcpo::ui::PlotExport", "Unknown export format for %1 (use .png, .pdf, .svg or .csv)")
                 .arg(path));
        return false;
    }
    return exportPlot(plot, path, format, error);
}

bool exportPlot(QCustomPlot* plot, const QString& path, PlotFormat format, QString* error, int width, int height) {
    if (!plot) {
        fail(error, QCoreApplication::translate("gcpo::ui::PlotExport", "No plot to export"));
        return false;
    }
    sizeFor(plot, &width, &height);
    bool ok = false;
    switch (format) {
    case PlotFormat::Png: ok = plot->savePng(path, width, height); break;
    case PlotFormat::Pdf: ok = plot->savePdf(path, width, height); break;
    case PlotFormat::Svg: return savePlotSvg(plot, path, width, height, error);
    case PlotFormat::Csv: return savePlotCsv(plot, path, error);
    }
    if (!ok) fail(error, QCoreApplication::translate("gcpo::ui::PlotExport", "Could not write %1").arg(path));
    return ok;
}

bool savePlotSvg(QCustomPlot* plot, const QString& path, int width, int height, QString* error) {
    sizeFor(plot, &width, &height);
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(QSize(width, height));
    generator.setViewBox(QRect(0, 0, width, height));
    generator.setTitle(plot->windowTitle().isEmpty() ? QStringLiteral("GCPO Workbench plot") : plot->windowTitle());
    QCPPainter painter;
    if (!painter.begin(&generator)) {
        fail(error, QCoreApplication::translate("gcpo::ui::PlotExport", "Could not write %1").arg(path));
        return false;
    }
    painter.setMode(QCPPainter::pmVectorized);
    painter.setMode(QCPPainter::pmNoCaching);
    plot->toPainter(&painter, width, height);
    painter.end();
    if (QFileInfo(path).size() <= 0) {
        fail(error, QCoreApplication::translate("gcpo::ui::PlotExport", "Could not write %1").arg(path));
        return false;
    }
    return true;
}

bool savePlotCsv(QCustomPlot* plot, const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
        fail(error, QCoreApplication::translate("gcpo::ui::PlotExport", "Could not write %1: %2").arg(path, file.errorString()));
        return false;
    }
    QTextStream out(&file);
    const bool hasMap = [plot] {
        for (int i = 0; i < plot->plottableCount(); ++i)
            if (qobject_cast<QCPColorMap*>(plot->plottable(i))) return true;
        return false;
    }();
    out << (hasMap ? "series,x,y,z\n" : "series,x,y\n");
    const QString tail = hasMap ? QStringLiteral(",\n") : QStringLiteral("\n");
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot->plottable(i);
        const QString name = csvField(p->name().isEmpty() ? QStringLiteral("series%1").arg(i) : p->name());
        if (auto* g = qobject_cast<QCPGraph*>(p)) {
            for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
                out << name << ',' << num(it->key) << ',' << num(it->value) << tail;
        } else if (auto* c = qobject_cast<QCPCurve*>(p)) {
            for (auto it = c->data()->constBegin(); it != c->data()->constEnd(); ++it)
                out << name << ',' << num(it->key) << ',' << num(it->value) << tail;
        } else if (auto* b = qobject_cast<QCPBars*>(p)) {
            for (auto it = b->data()->constBegin(); it != b->data()->constEnd(); ++it)
                out << name << ',' << num(it->key) << ',' << num(it->value) << tail;
        } else if (auto* m = qobject_cast<QCPColorMap*>(p)) {
            QCPColorMapData* d = m->data();
            for (int y = 0; y < d->valueSize(); ++y)
                for (int x = 0; x < d->keySize(); ++x) {
                    double kx = 0, ky = 0;
                    d->cellToCoord(x, y, &kx, &ky);
                    out << name << ',' << num(kx) << ',' << num(ky) << ',' << num(d->cell(x, y)) << '\n';
                }
        }
    }
    out.flush();
    if (file.error() != QFileDevice::NoError) {
        fail(error, QCoreApplication::translate("gcpo::ui::PlotExport", "Could not write %1: %2").arg(path, file.errorString()));
        return false;
    }
    return true;
}

}  // namespace gcpo::ui
