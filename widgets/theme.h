// Light and dark themes: follow the system palette by default, or force light / dark (Fusion style
// with a fixed palette). The choice is a UI preference kept in QSettings ("theme").
#pragma once

#include <QColor>
#include <QObject>
#include <QPalette>
#include <QString>

class QCPAxis;
class QCustomPlot;

namespace gcpo::ui {

enum class ThemeChoice { System, Light, Dark };

QString themeKey(ThemeChoice t);               // "system", "light", "dark"
ThemeChoice themeFromKey(const QString& key);  // unknown keys give System

class Theme : public QObject {
    Q_OBJECT
public:
    // Remembers the platform's own palette and style so System can go back to them.
    static Theme* instance();

    ThemeChoice choice() const { return m_choice; }
    // Applies to the whole application and stores it in QSettings.
    void apply(ThemeChoice choice);
    void applySaved();    // the stored choice (System when none)
    bool isDark() const;  // what is shown now (also for System)

    static QPalette lightPalette();
    static QPalette darkPalette();

    // Colours of the plots: background, axes, ticks, grid and legend from the application palette
    // (so dark mode reaches every plot). followTheme() applies it now and again on every change.
    static void applyToPlot(QCustomPlot* plot);
    static void followTheme(QCustomPlot* plot);
    // Moves the plot's legend into its own row under the axes, so it never covers data.
    static void putLegendBelow(QCustomPlot* plot, int columns = 3);
    // Shows or removes the legend row of putLegendBelow(). An empty legend must leave the layout:
    // a grid without elements has a maximum width of its margins, which caps the axes' column.
    // A plot whose row is out of the layout must get it back before it is destroyed (the layout
    // owns it).
    static void showLegendBelow(QCustomPlot* plot, bool on);

    // Ticks on whole numbers only (steps, rollouts, k), as many as fit.
    static void integerTicks(QCPAxis* axis);
    // Categorical colour i (runs, arms: Tableau 10), a bit lighter in dark mode.
    static QColor seriesColour(int i);
    // Diverging palette for signed values such as advantages: 0 is the neutral background,
    // positive goes to green-blue, negative to orange-red; t in [-1, 1]. Readable in both themes.
    static QColor divergingColour(double t);

signals:
    void changed(bool dark);

private:
    Theme();

    ThemeChoice m_choice = ThemeChoice::System;
    QPalette m_systemPalette;
    QString m_systemStyle;
};

}  // namespace gcpo::ui
