// Export helpers shared by every live view (see run_view.h).
#include "views/run_view.h"

#include <QDir>

#include "plot_export.h"

namespace gcpo::ui {

bool RunView::exportCurrent(const QString& path, QString* error) const {
    const QList<QCustomPlot*> all = plots();
    if (all.isEmpty()) {
        if (error) *error = tr("The view %1 has no plot to export").arg(viewTitle());
        return false;
    }
    return exportPlot(all.front(), path, error);
}

QStringList RunView::exportPlots(const QString& dir, const QString& baseName, QString* error) const {
    QStringList written;
    const QList<QCustomPlot*> all = plots();
    for (int i = 0; i < all.size(); ++i) {
        const QString stem = all.size() == 1 ? baseName : QStringLiteral("%1_%2").arg(baseName).arg(i + 1);
        for (const char* suffix : {"png", "pdf", "svg", "csv"}) {
            const QString path = QDir(dir).filePath(stem + QLatin1Char('.') + QLatin1String(suffix));
            if (!exportPlot(all[i], path, error)) return written;
            written << path;
        }
    }
    return written;
}

}  // namespace gcpo::ui
