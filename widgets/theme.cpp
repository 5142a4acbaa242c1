// Theme: system, light or dark palettes for the whole application.
#include "theme.h"

#include <QApplication>
#include <QPointer>

#include <algorithm>
#include <cmath>

#include <qcustomplot.h>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace gcpo::ui {

QString themeKey(ThemeChoice t) {
    switch (t) {
    case ThemeChoice::Light: return QStringLiteral("light");
    case ThemeChoice::Dark: return QStringLiteral("dark");
    case ThemeChoice::System: break;
    }
    return QStringLiteral("system");
}

ThemeChoice themeFromKey(const QString& key) {
    if (key == QLatin1String("light")) return ThemeChoice::Light;
    if (key == QLatin1String("dark")) return ThemeChoice::Dark;
    return ThemeChoice::System;
}

Theme::Theme() {
    m_systemPalette = QApplication::palette();
    m_systemStyle = QApplication::style() ? QApplication::style()->name() : QString();
}

Theme* Theme::instance() {
    static Theme* theme = new Theme;  // lives as long as the application
    return theme;
}

QPalette Theme::lightPalette() {
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xf3, 0xf3, 0xf3));
    p.setColor(QPalette::WindowText, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf0, 0xf4, 0xf8));
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xe8));
    p.setColor(QPalette::ToolTipText, Qt::black);
    p.setColor(QPalette::PlaceholderText, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Text, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::Button, QColor(0xe8, 0xe8, 0xe8));
    p.setColor(QPalette::ButtonText, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Highlight, QColor(0x2e, 0x86, 0xde));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x1f, 0x6f, 0xc5));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0xa0, 0xa0, 0xa0));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0xa0, 0xa0, 0xa0));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0xa0, 0xa0, 0xa0));
    return p;
}

QPalette Theme::darkPalette() {
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
    p.setColor(QPalette::WindowText, QColor(0xdf, 0xe1, 0xe5));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2c));
    p.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x3f, 0x41));
    p.setColor(QPalette::ToolTipText, QColor(0xdf, 0xe1, 0xe5));
    p.setColor(QPalette::PlaceholderText, QColor(0x80, 0x84, 0x8a));
    p.setColor(QPalette::Text, QColor(0xdf, 0xe1, 0xe5));
    p.setColor(QPalette::Button, QColor(0x3c, 0x3f, 0x41));
    p.setColor(QPalette::ButtonText, QColor(0xdf, 0xe1, 0xe5));
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Highlight, QColor(0x35, 0x74, 0xf0));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x58, 0x9d, 0xf6));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x51));
    p.setColor(QPalette::Midlight, QColor(0x3c, 0x3f, 0x41));
    p.setColor(QPalette::Mid, QColor(0x30, 0x32, 0x35));
    p.setColor(QPalette::Dark, QColor(0x1a, 0x1b, 0x1d));
    p.setColor(QPalette::Shadow, QColor(0x10, 0x10, 0x10));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6f, 0x73, 0x78));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6f, 0x73, 0x78));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6f, 0x73, 0x78));
    return p;
}

void Theme::apply(ThemeChoice choice) {
    m_choice = choice;
    QSettings().setValue(QStringLiteral("theme"), themeKey(choice));
    if (choice == ThemeChoice::System) {
        if (!m_systemStyle.isEmpty()) QApplication::setStyle(QStyleFactory::create(m_systemStyle));
        QApplication::setPalette(m_systemPalette);
    } else {
        // Fusion draws every widget from the palette, so a forced palette looks the same everywhere.
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(choice == ThemeChoice::Dark ? darkPalette() : lightPalette());
    }
    emit changed(isDark());
}

void Theme::applySaved() { apply(themeFromKey(QSettings().value(QStringLiteral("theme")).toString())); }

void Theme::applyToPlot(QCustomPlot* plot) {
    if (!plot) return;
    const QPalette p = QApplication::palette();
    const QColor base = p.color(QPalette::Base), text = p.color(QPalette::Text);
    QColor grid = text;
    grid.setAlpha(40);
    QColor subGrid = text;
    subGrid.setAlpha(18);
    plot->setBackground(base);
    for (QCPAxisRect* rect : plot->axisRects()) {
        rect->setBackground(base);
        for (QCPAxis* axis : rect->axes()) {
            axis->setBasePen(QPen(text, 1));
            axis->setTickPen(QPen(text, 1));
            axis->setSubTickPen(QPen(text, 1));
            axis->setTickLabelColor(text);
            axis->setLabelColor(text);
            axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
            axis->grid()->setSubGridPen(QPen(subGrid, 1, Qt::DotLine));
            axis->grid()->setZeroLinePen(QPen(grid, 1));
        }
    }
    for (int i = 0; i < plot->plotLayout()->elementCount(); ++i)
        if (auto* scale = qobject_cast<QCPColorScale*>(plot->plotLayout()->elementAt(i))) {
            scale->axis()->setBasePen(QPen(text, 1));
            scale->axis()->setTickPen(QPen(text, 1));
            scale->axis()->setSubTickPen(QPen(text, 1));
            scale->axis()->setTickLabelColor(text);
            scale->axis()->setLabelColor(text);
        }
    const auto legends = plot->findChildren<QCPLegend*>();
    for (QCPLegend* legend : legends) {
        legend->setBrush(base);
        legend->setBorderPen(QPen(grid, 1));
        legend->setTextColor(text);
    }
    if (plot->legend) {
        plot->legend->setBrush(base);
        plot->legend->setBorderPen(QPen(grid, 1));
        plot->legend->setTextColor(text);
    }
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto* label = qobject_cast<QCPItemText*>(plot->item(i))) {
            if (label->property("themeText").toBool()) label->setColor(text);
        }
    plot->replot(QCustomPlot::rpQueuedReplot);
}

void Theme::followTheme(QCustomPlot* plot) {
    applyToPlot(plot);
    QPointer<QCustomPlot> guard(plot);
    QObject::connect(instance(), &Theme::changed, plot, [guard] {
        if (guard) applyToPlot(guard);
    });
}

void Theme::putLegendBelow(QCustomPlot* plot, int columns) {
    auto* legendRow = new QCPLayoutGrid;
    plot->plotLayout()->addElement(1, 0, legendRow);
    plot->plotLayout()->setRowStretchFactor(1, 0.001);
    plot->legend->setVisible(true);
    plot->axisRect()->insetLayout()->take(plot->legend);
    legendRow->addElement(0, 0, plot->legend);
    legendRow->setMargins(QMargins(0, 0, 0, 0));
    plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot->legend->setWrap(columns);
    plot->legend->setFont(QFont(plot->font().family(), 8));
    plot->legend->setIconSize(18, 10);
    // At most `columns` entries per row, fewer while the plot is too narrow for them: a clipped
    // entry ("gain of a correct r") is worse than one more legend row.
    QObject::connect(plot, &QCustomPlot::beforeReplot, plot, [plot, columns] {
        QCPLegend* legend = plot->legend;
        int widest = 1;
        for (int i = 0; i < legend->itemCount(); ++i)
            if (QCPAbstractLegendItem* item = legend->item(i)) widest = std::max(widest, item->minimumOuterSizeHint().width());
        const int spacing = legend->columnSpacing();
        const int room = plot->width() - legend->margins().left() - legend->margins().right();
        const int fit = std::max(1, (room + spacing) / (widest + spacing));
        const int wrap = std::min(columns, fit);
        if (legend->wrap() != wrap) {
            legend->setWrap(wrap);
            legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);  // re-flows the entries
        }
    });
}

void Theme::showLegendBelow(QCustomPlot* plot, bool on) {
    auto* row = qobject_cast<QCPLayoutGrid*>(plot->legend->layout());
    if (!row) return;  // not put below (an inset layout is no grid)
    QCPLayoutGrid* main = plot->plotLayout();
    plot->legend->setVisible(on);
    if ((row->layout() == main) == on) return;
    if (on) {
        main->addElement(1, 0, row);
        main->setRowStretchFactor(1, 0.001);
    } else {
        main->take(row);
        main->simplify();
    }
}

void Theme::integerTicks(QCPAxis* axis) {
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    axis->setTicker(ticker);
}

QColor Theme::seriesColour(int i) {
    static const QColor palette[] = {QColor(31, 119, 180),  QColor(255, 127, 14), QColor(44, 160, 44),   QColor(214, 39, 40),
                                     QColor(148, 103, 189), QColor(140, 86, 75),  QColor(227, 119, 194), QColor(127, 127, 127),
                                     QColor(188, 189, 34),  QColor(23, 190, 207)};
    const QColor c = palette[((i % 10) + 10) % 10];
    return instance()->isDark() ? c.lighter(125) : c;
}

QColor Theme::divergingColour(double t) {
    const QColor neutral = QApplication::palette().color(QPalette::Base);
    if (!std::isfinite(t)) return neutral;
    t = std::clamp(t, -1.0, 1.0);
    const bool dark = instance()->isDark();
    // Positive: teal-green; negative: orange (colour-blind safe pair, as in BrBG / PuOr).
    const QColor end =
        t >= 0 ? (dark ? QColor(38, 140, 120) : QColor(90, 180, 150)) : (dark ? QColor(170, 90, 30) : QColor(235, 140, 70));
    const double a = std::abs(t);
    auto mix = [a](int from, int to) { return static_cast<int>(std::lround(from + (to - from) * a)); };
    return QColor(mix(neutral.red(), end.red()), mix(neutral.green(), end.green()), mix(neutral.blue(), end.blue()));
}

bool Theme::isDark() const {
    const QPalette p = QApplication::palette();
    return p.color(QPalette::Window).lightness() < p.color(QPalette::WindowText).lightness();
}

}  // namespace gcpo::ui
