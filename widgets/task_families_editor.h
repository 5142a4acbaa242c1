// TaskFamiliesEditor: the run config's task mixture (tasks.families) as a table of family, weight
// and options, with file pickers for the data set files of the imported families (gsm8k, math).
#pragma once

#include <QString>
#include <QWidget>

#include <nlohmann/json.hpp>

#include <optional>

class QPushButton;
class QTableWidget;

namespace gcpo::ui {

class PathEdit;

class TaskFamiliesEditor : public QWidget {
    Q_OBJECT
public:
    enum Column { ColFamily, ColWeight, ColOptions, ColumnCount };

    explicit TaskFamiliesEditor(QWidget* parent = nullptr);

    // Shows a list of {name, weight, options}; any other value is kept as given (the validator
    // names it) until the table is edited. Emits no changed().
    void setFamilies(const nlohmann::json& families);
    // The table as a JSON list; false with a reason naming the row when a cell does not parse.
    bool families(nlohmann::json* out, QString* problem) const;
    // "" or the rows of data set families without a data file (the core accepts them, but such a
    // run would fail at its first prompt).
    QString missingDataFiles() const;

    void addFamily(const QString& name, double weight = 1.0, const nlohmann::json& options = nlohmann::json::object());
    void setFamilyAt(int row, const QString& name);  // as if chosen in the row's combo
    QTableWidget* table() const { return m_table; }
    PathEdit* dataFileEdit() const { return m_dataFile; }  // options.path of the current row
    PathEdit* testFileEdit() const { return m_testFile; }  // options.test_path of the current row

    // Families that read a data set file (options "path" and "test_path").
    static bool readsDataFile(const QString& family);

signals:
    void changed();

private:
    QString familyAt(int row) const;
    std::optional<nlohmann::json> optionsAt(int row) const;  // nullopt when the cell is not a JSON object
    void setOptionsAt(int row, const nlohmann::json& options);
    void onCurrentRowChanged();
    void onFileEdited(const char* key, const QString& path);
    void onEdited();

    QTableWidget* m_table = nullptr;
    PathEdit* m_dataFile = nullptr;
    PathEdit* m_testFile = nullptr;
    QPushButton* m_remove = nullptr;
    std::optional<nlohmann::json> m_unlisted;  // a value the table cannot show, kept until edited
    bool m_loading = false;
};

}  // namespace gcpo::ui
