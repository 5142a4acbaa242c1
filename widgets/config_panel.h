// The run configuration panel: a form generated from the trainer's own field table
// (gcpo::rl::configFields), grouped, with each field's help as its tooltip; presets; load/save
// JSON; inline validation by gcpo::rl::validateConfig (offending fields outlined in red with the
// message below them, Start disabled while anything is invalid or no database is chosen); the
// settings the chosen algorithm does not read (gcpo::rl::algorithmUsesField) are disabled; task
// families are a table and every path setting has a file picker.
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <nlohmann/json.hpp>

class QComboBox;
class QLabel;
class QPushButton;

namespace gcpo::rl {
struct ConfigField;
}

namespace gcpo::ui {

class PathEdit;

class ConfigPanel : public QWidget {
    Q_OBJECT
public:
    explicit ConfigPanel(QWidget* parent = nullptr);

    // The config the form shows, as a nested JSON object (every field, as the form holds it).
    nlohmann::json config() const;
    QByteArray configJson() const;
    // Shows defaults overridden by `config`. Returns false (with a reason) for a non-object.
    bool setConfig(const nlohmann::json& config, QString* error = nullptr);
    bool loadFile(const QString& path, QString* error = nullptr);
    bool saveFile(const QString& path, QString* error = nullptr) const;

    // Built-in presets: one per algorithm of the algorithm table (rl/algorithms.h), then demo.
    static QStringList presetIds();
    // Resets the whole form to the preset (the defaults wherever the preset says nothing), so no
    // value of the previous state stays. Returns false for an unknown or unreadable preset.
    bool applyPreset(const QString& id, QString* error = nullptr);

    bool isValid() const { return m_issues.isEmpty(); }
    QStringList issues() const;                   // "path: message", every problem
    QString issueFor(const QString& path) const;  // "" when that field is fine
    QWidget* editor(const QString& path) const;   // the field's editor widget (tests, focus)
    QPushButton* startButton() const { return m_start; }

    // While a run is going, Start stays disabled whatever the form holds.
    void setRunning(bool running);
    // The run database runs are started in ("" = none: Start is disabled and says why).
    void setDatabase(const QString& path);
    QString database() const { return m_databasePath; }

signals:
    void validityChanged(bool valid);
    void configChanged();
    void startRequested();
    // The user picked a database file with the panel's Browse button (it may not exist yet).
    void databaseChosen(const QString& path);

private:
    struct FieldUi {
        const gcpo::rl::ConfigField* field = nullptr;
        QWidget* editor = nullptr;
        QLabel* message = nullptr;
    };

    QWidget* buildForm();
    QWidget* makeEditor(const gcpo::rl::ConfigField& f);
    void setEditorValue(const FieldUi& ui, const nlohmann::json& value);
    // The editor's value as JSON; false with a reason when its text does not parse.
    bool editorValue(const FieldUi& ui, nlohmann::json* out, QString* problem) const;
    void revalidate();
    QWidget* buildDatabasePicker();
    void updateStartButton();
    void updateEnabledFields(const nlohmann::json& config);
    void markField(const FieldUi& ui, const QString& message);
    void onLoadClicked();
    void onSaveClicked();
    void onPresetActivated(int index);

    QList<FieldUi> m_fields;
    QHash<QString, int> m_byPath;
    QHash<QString, QString> m_issues;  // path ("" for the config as a whole) -> message
    QComboBox* m_presets = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_start = nullptr;
    PathEdit* m_database = nullptr;
    QString m_databasePath;
    bool m_running = false;
    bool m_loading = false;
    bool m_lastValid = true;
};

}  // namespace gcpo::ui
