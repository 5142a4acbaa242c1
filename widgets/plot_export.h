// Export of QCustomPlot plots: PNG, PDF (QCustomPlot's own writers), SVG (QSvgGenerator through a
// QCPPainter) and the plotted data as CSV at full resolution (every point of every graph, curve,
// bar set and colour map, never the decimated screen version).
#pragma once

#include <QString>

class QCustomPlot;

namespace gcpo::ui {

enum class PlotFormat { Png, Pdf, Svg, Csv };

// From a file suffix (case-insensitive: png, pdf, svg, csv); false when unknown.
bool plotFormatFromPath(const QString& path, PlotFormat* format);

// Writes `plot` to `path` in `format`. width/height 0 use the widget's size (or 800 x 500 when it
// has none yet, e.g. a hidden dock). Returns false and sets *error on failure.
bool exportPlot(QCustomPlot* plot, const QString& path, PlotFormat format, QString* error = nullptr, int width = 0,
                int height = 0);
// Same, with the format taken from the suffix of `path`.
bool exportPlot(QCustomPlot* plot, const QString& path, QString* error = nullptr);

bool savePlotSvg(QCustomPlot* plot, const QString& path, int width, int height, QString* error = nullptr);

// Long-format CSV, one row per point: series,x,y (graphs, curves, bars) and, for colour maps,
// series,x,y,z. The series name is the plottable's name() (or "series<N>" when unnamed).
bool savePlotCsv(QCustomPlot* plot, const QString& path, QString* error = nullptr);

}  // namespace gcpo::ui
