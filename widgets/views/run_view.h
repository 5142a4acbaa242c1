// The common interface of the workbench's live views, so the main window can embed each one as a
// dock widget and drive them all the same way.
//
// Embedding:
//     auto* view = new gcpo::ui::CurvesView;          // or RolloutGroupsView, CoverageView, ...
//     view->setDataSource(source);                    // a RunDataSource owned by the window
//     dock->setWidget(view); dock->setWindowTitle(view->viewTitle());
//     // Export action: view->exportPlots(dir, baseName) or exportCurrent(path) (png/pdf/svg/csv)
//
// A view follows its data source: the runs it shows are source->followedRuns() (followedRunsChanged),
// new points arrive through metricsAppended / evalsAppended, the selected rollout group through
// currentGroupChanged, and small on-demand reads go through source->guiStore(). Views never own
// the source and never block the GUI thread on big reads.
#pragma once

#include <QList>
#include <QString>
#include <QWidget>

class QCustomPlot;

namespace gcpo::ui {

class RunDataSource;

class RunView : public QWidget {
    Q_OBJECT

public:
    explicit RunView(QWidget* parent = nullptr) : QWidget(parent) {}
    ~RunView() override = default;

    // Connects to `source` (nullptr detaches) and loads what it already holds.
    virtual void setDataSource(RunDataSource* source) = 0;
    RunDataSource* dataSource() const { return m_source; }

    // Translated title for the dock ("Curves", "Rollout groups", ...).
    virtual QString viewTitle() const = 0;
    // The plots this view shows, first the main one (may be empty for table-only views).
    virtual QList<QCustomPlot*> plots() const = 0;

    // Exports the main plot to `path`; the format follows the suffix: .png, .pdf, .svg (vector),
    // or .csv (every plotted point at full resolution). Returns false and sets *error on failure.
    bool exportCurrent(const QString& path, QString* error = nullptr) const;
    // Exports every plot as <dir>/<baseName>[_<n>].{png,pdf,svg,csv}; returns the files written.
    QStringList exportPlots(const QString& dir, const QString& baseName, QString* error = nullptr) const;

protected:
    RunDataSource* m_source = nullptr;
};

}  // namespace gcpo::ui
