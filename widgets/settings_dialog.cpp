// SettingsDialog: language and theme.
#include "settings_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

#include "theme.h"

namespace gcpo::ui {

QStringList SettingsDialog::languages() {
    return {QString(), QStringLiteral("en"), QStringLiteral("zh_CN"), QStringLiteral("de")};
}

QString SettingsDialog::savedLanguage() { return QSettings().value(QStringLiteral("language")).toString(); }

SettingsDialog::SettingsDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Settings"));
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("language"));
    // Each language names itself, so it can be found whatever language is showing.
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(savedLanguage())));

    m_theme = new QComboBox(this);
    m_theme->setObjectName(QStringLiteral("theme"));
    m_theme->addItem(tr("Follow the system"), themeKey(ThemeChoice::System));
    m_theme->addItem(tr("Light"), themeKey(ThemeChoice::Light));
    m_theme->addItem(tr("Dark"), themeKey(ThemeChoice::Dark));
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(themeKey(Theme::instance()->choice()))));

    auto* note = new QLabel(tr("A new language applies the next time the workbench starts."), this);
    note->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Language:"), m_language);
    form->addRow(QString(), note);
    form->addRow(tr("Theme:"), m_theme);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

void SettingsDialog::accept() {
    QSettings().setValue(QStringLiteral("language"), m_language->currentData().toString());
    Theme::instance()->apply(themeFromKey(m_theme->currentData().toString()));
    QDialog::accept();
}

}  // namespace gcpo::ui
