// Dashboard: a grid of compact metric panels with a saved layout (see dashboard_view.h).
#include "views/dashboard_view.h"

#include <QComboBox>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QScrollArea>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include <qcustomplot.h>

#include "views/distribution_plot.h"
#include "views/metric_catalog.h"

namespace gcpo::ui {

namespace {
const char* const kPanelsKey = "dashboard/panels";
const char* const kColumnsKey = "dashboard/columns";
// Narrower than this a panel clips its metric combo, y label and legend: fewer columns instead.
constexpr int kMinPanelWidth = 380;
// A name that wraps as a whole: word joiners (U+2060) after the '/' and '-' a line may break at
// (QLabel's rich text ignores white-space: nowrap).
QString unbreakable(QString name) {
    name.replace(QLatin1Char('/'), QStringLiteral("/\u2060"));
    name.replace(QLatin1Char('-'), QStringLiteral("-\u2060"));
    return name;
}
}  // namespace

QStringList DashboardView::defaultPanels() {
    return {QStringLiteral("curve:eval/pass@1"),
            QStringLiteral("curve:eval/pass@8"),
            QStringLiteral("curve:eval/distinct_correct"),
            QStringLiteral("curve:reward"),
            QStringLiteral("curve:gcpo/team_coverage"),
            QStringLiteral("curve:kl"),
            QStringLiteral("curve:entropy"),
            QStringLiteral("curve:completions/mean_length"),
            QStringLiteral("dist:advantage")};
}

DashboardView::DashboardView(QWidget* parent) : RunView(parent) {
    auto* addButton = new QToolButton(this);
    addButton->setText(tr("Add panel"));
    addButton->setPopupMode(QToolButton::InstantPopup);
    auto* addMenu = new QMenu(addButton);
    QMenu* curveMenu = addMenu->addMenu(tr("Metric"));
    for (const MetricEntry& e : MetricCatalog::entries())
        curveMenu->addAction(e.category + QStringLiteral(": ") + e.label, this,
                             [this, id = e.id] { addPanel(QStringLiteral("curve:") + id); });
    QMenu* distMenu = addMenu->addMenu(tr("Distribution over time"));
    for (const QString& q : {QStringLiteral("advantage"), QStringLiteral("credit"), QStringLiteral("grpo_advantage"),
                             QStringLiteral("reward"), QStringLiteral("length")})
        distMenu->addAction(q, this, [this, q] { addPanel(QStringLiteral("dist:") + q); });
    addButton->setMenu(addMenu);
    auto* resetButton = new QToolButton(this);
    resetButton->setText(tr("Reset layout"));
    resetButton->setToolTip(tr("Back to the default panels"));
    m_columnsBox = new QSpinBox(this);
    m_columnsBox->setRange(1, 4);
    m_columnsBox->setToolTip(tr("Panels per row (fewer while the view is too narrow to show them legibly)"));
    m_xAxisBox = new QComboBox(this);
    m_xAxisBox->addItem(tr("Step"), static_cast<int>(CurvesView::XAxis::Step));
    m_xAxisBox->addItem(tr("Wall time"), static_cast<int>(CurvesView::XAxis::WallTime));
    m_xAxisBox->addItem(tr("Rollouts consumed"), static_cast<int>(CurvesView::XAxis::RolloutsConsumed));
    m_smoothSlider = new QSlider(Qt::Horizontal, this);
    m_smoothSlider->setRange(0, 99);
    m_smoothSlider->setMaximumWidth(140);
    m_smoothSlider->setToolTip(tr("EMA weight for dense training series (evaluation series are always drawn raw)"));
    m_smoothLabel = new QLabel(this);

    auto* bar = new QHBoxLayout;
    bar->addWidget(addButton);
    bar->addWidget(resetButton);
    bar->addWidget(new QLabel(tr("Columns:"), this));
    bar->addWidget(m_columnsBox);
    bar->addStretch(1);
    bar->addWidget(new QLabel(tr("X axis:"), this));
    bar->addWidget(m_xAxisBox);
    bar->addWidget(new QLabel(tr("Smoothing:"), this));
    bar->addWidget(m_smoothSlider);
    bar->addWidget(m_smoothLabel);

    m_gridHost = new QWidget(this);
    m_grid = new QGridLayout(m_gridHost);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(4);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_gridHost);
    m_runLegend = new QLabel(this);
    m_runLegend->setWordWrap(true);
    m_runLegend->setTextFormat(Qt::RichText);
    m_runLegend->setToolTip(tr("The runs shown in every panel. Hover a curve for each run's value at that step."));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(m_runLegend);
    layout->addWidget(scroll, 1);

    QObject::connect(resetButton, &QToolButton::clicked, this, &DashboardView::resetLayout);
    QObject::connect(m_columnsBox, &QSpinBox::valueChanged, this, &DashboardView::setColumns);
    QObject::connect(m_xAxisBox, &QComboBox::currentIndexChanged, this,
                     [this](int i) { setXAxis(static_cast<CurvesView::XAxis>(m_xAxisBox->itemData(i).toInt())); });
    QObject::connect(m_smoothSlider, &QSlider::valueChanged, this, [this](int v) { setSmoothing(v / 100.0); });

    QSettings s;
    m_columns = std::clamp(s.value(QLatin1String(kColumnsKey), 3).toInt(), 1, 4);
    {
        const QSignalBlocker block(m_columnsBox);
        m_columnsBox->setValue(m_columns);
    }
    setSmoothing(m_smoothing);
    const QStringList saved = s.value(QLatin1String(kPanelsKey)).toStringList();
    setPanels(saved.isEmpty() ? defaultPanels() : saved);
}

DashboardView::~DashboardView() { saveLayout(); }  // keeps each panel's last metric

QString DashboardView::viewTitle() const { return tr("Dashboard"); }

QList<QCustomPlot*> DashboardView::plots() const {
    QList<QCustomPlot*> all;
    for (const Panel& p : m_panels) all << (p.curves ? p.curves->plot() : p.distribution->plot());
    return all;
}

QList<CurvesView*> DashboardView::curvePanels() const {
    QList<CurvesView*> all;
    for (const Panel& p : m_panels)
        if (p.curves) all << p.curves;
    return all;
}

QList<DistributionPlot*> DashboardView::distributionPanels() const {
    QList<DistributionPlot*> all;
    for (const Panel& p : m_panels)
        if (p.distribution) all << p.distribution;
    return all;
}

void DashboardView::setDataSource(RunDataSource* source) {
    m_source = source;
    for (Panel& p : m_panels) {
        if (p.curves) p.curves->setDataSource(source);
        if (p.distribution) p.distribution->setDataSource(source);
    }
}

QString DashboardView::specOf(const Panel& p) const {
    if (p.curves) return QStringLiteral("curve:") + p.curves->currentMetric();
    if (p.distribution) return QStringLiteral("dist:") + DistributionPlot::quantityKey(p.distribution->quantity());
    return p.spec;
}

QStringList DashboardView::panels() const {
    QStringList specs;
    for (const Panel& p : m_panels) specs << specOf(p);
    return specs;
}

QWidget* DashboardView::makeFrame(Panel& p) {
    auto* frame = new QFrame(m_gridHost);
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setMinimumHeight(230);
    auto* l = new QVBoxLayout(frame);
    l->setContentsMargins(3, 3, 3, 3);
    auto* close = new QToolButton(frame);
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Remove this panel"));
    QWidget* body = nullptr;
    if (p.spec.startsWith(QLatin1String("dist:"))) {
        p.distribution = new DistributionPlot(frame);
        p.distribution->setQuantity(DistributionPlot::quantityFromKey(p.spec.mid(5)));
        p.distribution->setDataSource(m_source);
        body = p.distribution;
    } else {
        p.curves = new CurvesView(frame);
        p.curves->setCompact(true);
        p.curves->setXAxis(m_xAxis);
        p.curves->setSmoothing(m_smoothing);
        p.curves->setCurrentMetric(p.spec.mid(6));
        p.curves->setDataSource(m_source);
        QObject::connect(p.curves, &CurvesView::graphsRebuilt, this, &DashboardView::updateRunLegend);
        body = p.curves;
    }
    auto* top = new QHBoxLayout;
    top->addWidget(body, 1);
    top->addWidget(close, 0, Qt::AlignTop);
    l->addLayout(top, 1);
    QObject::connect(close, &QToolButton::clicked, this, [this, frame] {
        for (int i = 0; i < m_panels.size(); ++i)
            if (m_panels[i].frame == frame) {
                removePanel(i);
                return;
            }
    });
    p.frame = frame;
    return frame;
}

void DashboardView::setPanels(const QStringList& specs) {
    for (Panel& p : m_panels) delete p.frame;
    m_panels.clear();
    for (const QString& spec : specs) {
        if (!spec.startsWith(QLatin1String("curve:")) && !spec.startsWith(QLatin1String("dist:"))) continue;
        Panel p;
        p.spec = spec;
        makeFrame(p);
        m_panels << p;
    }
    relayout();
    updateRunLegend();
    saveLayout();
}

void DashboardView::addPanel(const QString& spec) {
    Panel p;
    p.spec = spec;
    makeFrame(p);
    m_panels << p;
    relayout();
    saveLayout();
}

void DashboardView::removePanel(int index) {
    if (index < 0 || index >= m_panels.size()) return;
    m_panels[index].frame->deleteLater();
    m_panels.removeAt(index);
    relayout();
    updateRunLegend();
    saveLayout();
}

QString DashboardView::runLegendText() const { return m_runLegend->text(); }

void DashboardView::updateRunLegend() {
    const QList<CurvesView*> curves = curvePanels();
    const QList<qint64> runs = curves.isEmpty() ? QList<qint64>{} : curves.front()->shownRuns();
    QStringList labels;
    for (qint64 id : runs) labels << curves.front()->runLabel(id);
    // The path prefix every name shares (an experiment's "name/"), said once.
    QString prefix = labels.size() > 1 ? labels.front() : QString();
    for (const QString& l : std::as_const(labels)) {
        int n = 0;
        while (n < prefix.size() && n < l.size() && prefix[n] == l[n]) ++n;
        prefix.truncate(n);
    }
    prefix.truncate(prefix.lastIndexOf(QLatin1Char('/')) + 1);
    QStringList entries;
    for (int i = 0; i < runs.size(); ++i)
        entries << QStringLiteral("<span style=\"color:%1\">&#9632;</span>&nbsp;%2")
                       .arg(curves.front()->runColor(runs[i]).name(), unbreakable(labels[i].mid(prefix.size()).toHtmlEscaped()));
    QString text = entries.join(QStringLiteral(" &nbsp; "));
    if (!prefix.isEmpty()) text.prepend(QStringLiteral("<b>%1</b> &nbsp; ").arg(prefix.toHtmlEscaped()));
    // The palette has ten colours: past ten runs a colour names several runs, which the legend says.
    if (runs.size() > 10) text += QStringLiteral(" &nbsp; <i>%1</i>").arg(tr("(colours repeat every 10 runs)"));
    m_runLegend->setText(text);
    m_runLegend->setVisible(!runs.isEmpty());
}

void DashboardView::relayout() {
    const int fit = std::max(1, (width() - 20) / kMinPanelWidth);  // 20: margins and the scroll bar
    m_shownColumns = std::min(m_columns, fit);
    while (m_grid->count() > 0) m_grid->takeAt(0);
    for (int i = 0; i < m_panels.size(); ++i) m_grid->addWidget(m_panels[i].frame, i / m_shownColumns, i % m_shownColumns);
    for (int c = 0; c < 4; ++c) m_grid->setColumnStretch(c, c < m_shownColumns ? 1 : 0);
}

void DashboardView::resizeEvent(QResizeEvent* event) {
    RunView::resizeEvent(event);
    const int fit = std::max(1, (width() - 20) / kMinPanelWidth);
    if (std::min(m_columns, fit) != m_shownColumns) relayout();
}

void DashboardView::setColumns(int columns) {
    m_columns = std::clamp(columns, 1, 4);
    if (m_columnsBox->value() != m_columns) {
        const QSignalBlocker block(m_columnsBox);
        m_columnsBox->setValue(m_columns);
    }
    relayout();
    saveLayout();
}

void DashboardView::setXAxis(CurvesView::XAxis axis) {
    m_xAxis = axis;
    for (CurvesView* c : curvePanels()) c->setXAxis(axis);
}

void DashboardView::setSmoothing(double weight) {
    m_smoothing = weight;
    const int v = static_cast<int>(std::lround(weight * 100));
    if (m_smoothSlider->value() != v) {
        const QSignalBlocker block(m_smoothSlider);
        m_smoothSlider->setValue(v);
    }
    m_smoothLabel->setText(QString::number(weight, 'f', 2));
    for (CurvesView* c : curvePanels()) c->setSmoothing(weight);
}

void DashboardView::resetLayout() {
    setColumns(3);
    setPanels(defaultPanels());
}

void DashboardView::saveLayout() const {
    QSettings s;
    s.setValue(QLatin1String(kPanelsKey), panels());
    s.setValue(QLatin1String(kColumnsKey), m_columns);
}

}  // namespace gcpo::ui
