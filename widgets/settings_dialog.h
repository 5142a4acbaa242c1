// The settings dialog: language (applies at the next start) and theme (applies at once). Both are
// UI preferences kept in QSettings ("language", "theme").
#pragma once

#include <QDialog>

class QComboBox;

namespace gcpo::ui {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget* parent = nullptr);

    // "" (follow the system locale), "en", "zh_CN" or "de".
    static QString savedLanguage();
    static QStringList languages();

    QComboBox* languageBox() const { return m_language; }
    QComboBox* themeBox() const { return m_theme; }

private:
    void accept() override;

    QComboBox* m_language = nullptr;
    QComboBox* m_theme = nullptr;
};

}  // namespace gcpo::ui
