// HfModelBox: the model source of the run config panel: the built-in character-level model or a
// Hugging Face folder (picked with a folder dialog), with what the folder's config.json says
// (architecture, layers, hidden size, heads / KV heads, vocabulary, parameters) and the memory to
// RL-train it in fp32 and bf16 before anything starts. It edits model.init and model.path through
// the panel's own editors, so the form stays the one source of the config. Torch-free.
#pragma once

#include <QString>
#include <QWidget>

#include <nlohmann/json.hpp>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace gcpo::ui {

class ConfigPanel;

class HfModelBox : public QWidget {
    Q_OBJECT
public:
    explicit HfModelBox(ConfigPanel* panel, QWidget* parent = nullptr);

    // Chooses "Hugging Face folder" with `dir` (what the folder picker does).
    void setFolder(const QString& dir);
    // Chooses the built-in character-level model (model.init back to its last built-in value).
    void useBuiltin();
    bool usesHf() const;
    QString summaryText() const;  // the summary shown under the picker (plain text)

    // The summary of `dir` for a run config (its model.dtype, algo.kl_coef, batch and lengths), as
    // rich text; *ok false when the folder is unusable (the text then says why, naming the file).
    static QString describeFolder(const QString& dir, const nlohmann::json& config, bool* ok = nullptr);

private:
    void onSourceChanged(int index);
    void onBrowse();
    void syncFromPanel();
    void setEditors(const QString& init, const QString& path);
    void refreshSummary(const nlohmann::json& config);

    ConfigPanel* m_panel = nullptr;
    QComboBox* m_source = nullptr;
    QLineEdit* m_path = nullptr;
    QPushButton* m_browse = nullptr;
    QLabel* m_summary = nullptr;
    QString m_lastBuiltin = QStringLiteral("sft");
    std::string m_summaryKey;  // folder + the settings the summary depends on
    bool m_syncing = false;
};

}  // namespace gcpo::ui
