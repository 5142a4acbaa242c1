// Light and dark themes: follow the system palette by default, or force light / dark (Fusion style
// with a fixed palette). The choice is a UI preference kept in QSettings ("theme").
#pragma once

#include <QObject>
#include <QPalette>
#include <QString>

namespace gcpo::ui {

enum class ThemeChoice { System, Light, Dark };

QString themeKey(ThemeChoice t);                   // "system", "light", "dark"
ThemeChoice themeFromKey(const QString& key);      // unknown keys give System

class Theme : public QObject {
    Q_OBJECT
public:
    // Remembers the platform's own palette and style so System can go back to them.
    static Theme* instance();

    ThemeChoice choice() const { return m_choice; }
    // Applies to the whole application and stores it in QSettings.
    void apply(ThemeChoice choice);
    void applySaved();                             // the stored choice (System when none)
    bool isDark() const;                           // what is shown now (also for System)

    static QPalette lightPalette();
    static QPalette darkPalette();

signals:
    void changed(bool dark);

private:
    Theme();

    ThemeChoice m_choice = ThemeChoice::System;
    QPalette m_systemPalette;
    QString m_systemStyle;
};

}  // namespace gcpo::ui
