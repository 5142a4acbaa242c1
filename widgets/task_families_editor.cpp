// TaskFamiliesEditor: a QTableWidget over tasks.families (combo, weight, options JSON) plus data
// file pickers for the selected row; the JSON list is rebuilt from the table on every edit.
#include "task_families_editor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

#include "path_edit.h"
#include "tasks/dataset_import.h"
#include "tasks/task.h"

namespace gcpo::ui {

using nlohmann::json;

namespace {
constexpr int kVisibleRows = 4;  // the table shows this many rows before it scrolls

QString optionsText(const json& options) {
    return options.is_object() && options.empty() ? QString() : QString::fromStdString(options.dump());
}
}  // namespace

TaskFamiliesEditor::TaskFamiliesEditor(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_StyledBackground);  // so the panel's "invalid" outline is drawn
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("familiesTable"));
    m_table->setHorizontalHeaderLabels({tr("Family"), tr("Weight"), tr("Options")});
    m_table->horizontalHeaderItem(ColFamily)->setToolTip(tr("Task family (gcpo-train tasks list describes each)"));
    m_table->horizontalHeaderItem(ColWeight)->setToolTip(tr("Relative share of the prompts (> 0; normalised over the rows)"));
    m_table->horizontalHeaderItem(ColOptions)
        ->setToolTip(tr("The family's options as a JSON object, e.g. {\"count\": 4}; empty: the defaults"));
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(ColFamily, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ColWeight, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ColOptions, QHeaderView::Stretch);
    const int rowHeight = m_table->verticalHeader()->defaultSectionSize();
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height() + kVisibleRows * rowHeight +
                            2 * m_table->frameWidth());
    connect(m_table, &QTableWidget::itemChanged, this, &TaskFamiliesEditor::onEdited);
    connect(m_table, &QTableWidget::currentCellChanged, this, &TaskFamiliesEditor::onCurrentRowChanged);

    auto* add = new QPushButton(tr("Add family"), this);
    add->setObjectName(QStringLiteral("addFamily"));
    add->setToolTip(tr("Add a task family that is not in the mixture yet"));
    connect(add, &QPushButton::clicked, this, [this] {
        QString next;
        for (const std::string& n : gcpo::tasks::familyNames()) {
            bool used = false;
            for (int r = 0; r < m_table->rowCount(); ++r) used = used || familyAt(r) == QString::fromStdString(n);
            if (!used) {
                next = QString::fromStdString(n);
                break;
            }
        }
        addFamily(next.isEmpty() ? QString::fromStdString(gcpo::tasks::familyNames().front()) : next);
        m_table->setCurrentCell(m_table->rowCount() - 1, ColWeight);
        onEdited();
    });
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeFamily"));
    m_remove->setToolTip(tr("Remove the selected family from the mixture"));
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0) return;
        m_table->removeRow(row);
        onEdited();
    });

    const QString jsonl = tr("JSON Lines data sets (*.jsonl *.json);;All files (*)");
    m_dataFile = new PathEdit(PathEdit::Kind::OpenFile, tr("Data set file"), jsonl, this);
    m_dataFile->setObjectName(QStringLiteral("dataFile"));
    m_dataFile->setToolTip(tr("JSONL file of the selected gsm8k or math family (options.path)"));
    m_testFile = new PathEdit(PathEdit::Kind::OpenFile, tr("Test set file"), jsonl, this);
    m_testFile->setObjectName(QStringLiteral("testFile"));
    m_testFile->setToolTip(
        tr("Separate test JSONL file (options.test_path); empty: the records are split into train and test by a hash"));
    connect(m_dataFile, &PathEdit::textChanged, this, [this](const QString& p) { onFileEdited("path", p); });
    connect(m_testFile, &PathEdit::textChanged, this, [this](const QString& p) { onFileEdited("test_path", p); });

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto* files = new QFormLayout;
    files->setContentsMargins(0, 0, 0, 0);
    files->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    files->addRow(tr("Data file:"), m_dataFile);
    files->addRow(tr("Test file:"), m_testFile);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_table);
    layout->addLayout(buttons);
    layout->addLayout(files);
    onCurrentRowChanged();
}

bool TaskFamiliesEditor::readsDataFile(const QString& family) {
    return gcpo::tasks::parseDatasetFormat(family.toStdString()).has_value();
}

void TaskFamiliesEditor::addFamily(const QString& name, double weight, const json& options) {
    const QSignalBlocker block(m_table);
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto* combo = new QComboBox(m_table);
    for (const std::string& n : gcpo::tasks::familyNames()) combo->addItem(QString::fromStdString(n));
    if (combo->findText(name) < 0) combo->addItem(name);  // unknown: shown, and named by the validator
    combo->setCurrentText(name);
    connect(combo, &QComboBox::currentTextChanged, this, [this, combo] {
        for (int r = 0; r < m_table->rowCount(); ++r)
            if (m_table->cellWidget(r, ColFamily) == combo) m_table->setCurrentCell(r, ColFamily);
        onCurrentRowChanged();
        onEdited();
    });
    m_table->setCellWidget(row, ColFamily, combo);
    m_table->setItem(row, ColWeight, new QTableWidgetItem(QString::number(weight, 'g', 10)));
    m_table->setItem(row, ColOptions, new QTableWidgetItem(optionsText(options)));
}

void TaskFamiliesEditor::setFamilyAt(int row, const QString& name) {
    if (auto* combo = qobject_cast<QComboBox*>(m_table->cellWidget(row, ColFamily))) combo->setCurrentText(name);
}

void TaskFamiliesEditor::setFamilies(const json& families) {
    m_loading = true;
    {
        const QSignalBlocker block(m_table);
        m_table->setRowCount(0);
        m_unlisted.reset();
        bool listable = families.is_array();
        if (listable)
            for (const json& f : families) listable = listable && f.is_object() && f.contains("name") && f["name"].is_string();
        if (!listable) m_unlisted = families;
        else
            for (const json& f : families) {
                const json weight = f.contains("weight") ? f.at("weight") : json(1.0);
                const json options = f.contains("options") ? f.at("options") : json::object();
                addFamily(QString::fromStdString(f["name"].get<std::string>()), weight.is_number() ? weight.get<double>() : 1.0,
                          options);
                if (!weight.is_number())  // shown as written, so the validator's message matches the cell
                    m_table->item(m_table->rowCount() - 1, ColWeight)->setText(QString::fromStdString(weight.dump()));
                if (!options.is_object())
                    m_table->item(m_table->rowCount() - 1, ColOptions)->setText(QString::fromStdString(options.dump()));
            }
        if (m_table->rowCount() > 0) m_table->setCurrentCell(0, ColFamily);
    }
    onCurrentRowChanged();
    m_loading = false;
}

bool TaskFamiliesEditor::families(json* out, QString* problem) const {
    if (m_unlisted) {
        *out = *m_unlisted;
        return true;
    }
    json list = json::array();
    for (int r = 0; r < m_table->rowCount(); ++r) {
        json entry = {{"name", familyAt(r).toStdString()}};
        const QString weightText = m_table->item(r, ColWeight)->text().trimmed();
        bool ok = false;
        const double weight = weightText.toDouble(&ok);
        if (!ok || !std::isfinite(weight)) {
            *problem = tr("row %1 (%2): weight is not a number: \"%3\"").arg(r + 1).arg(familyAt(r), weightText);
            return false;
        }
        entry["weight"] = weight;
        const auto options = optionsAt(r);
        if (!options) {
            *problem = tr("row %1 (%2): options are not a JSON object").arg(r + 1).arg(familyAt(r));
            return false;
        }
        if (!options->empty()) entry["options"] = *options;
        list.push_back(entry);
    }
    *out = list;
    return true;
}

QString TaskFamiliesEditor::missingDataFiles() const {
    if (m_unlisted) return QString();
    QStringList rows;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const auto options = optionsAt(r);
        if (readsDataFile(familyAt(r)) && options && !options->contains("path"))
            rows << tr("row %1 (%2) needs its data set file (Data file: Browse…)").arg(r + 1).arg(familyAt(r));
    }
    return rows.join(QStringLiteral("; "));
}

QString TaskFamiliesEditor::familyAt(int row) const {
    const auto* combo = qobject_cast<QComboBox*>(m_table->cellWidget(row, ColFamily));
    return combo ? combo->currentText() : QString();
}

std::optional<json> TaskFamiliesEditor::optionsAt(int row) const {
    const QString text = m_table->item(row, ColOptions)->text().trimmed();
    if (text.isEmpty()) return json::object();
    try {
        json parsed = json::parse(text.toStdString());
        if (parsed.is_object()) return parsed;
    } catch (const json::exception&) {}
    return std::nullopt;
}

void TaskFamiliesEditor::setOptionsAt(int row, const json& options) {
    m_table->item(row, ColOptions)->setText(optionsText(options));  // itemChanged -> onEdited
}

void TaskFamiliesEditor::onCurrentRowChanged() {
    const int row = m_table->currentRow();
    m_remove->setEnabled(row >= 0);
    const bool files = row >= 0 && readsDataFile(familyAt(row));
    const auto options = files ? optionsAt(row) : std::nullopt;
    const auto pathOf = [&](const char* key) {
        return options && options->contains(key) && (*options)[key].is_string()
                   ? QString::fromStdString((*options)[key].get<std::string>())
                   : QString();
    };
    m_dataFile->setText(pathOf("path"));
    m_testFile->setText(pathOf("test_path"));
    const QString why = files ? QString() : tr("only gsm8k and math read a data set file");
    for (PathEdit* edit : {m_dataFile, m_testFile}) {
        edit->setEnabled(files && options.has_value());
        edit->setPlaceholderText(why);
    }
}

void TaskFamiliesEditor::onFileEdited(const char* key, const QString& path) {
    const int row = m_table->currentRow();
    if (row < 0 || !readsDataFile(familyAt(row))) return;
    auto options = optionsAt(row);
    if (!options) return;  // the pickers are disabled while the cell does not parse
    if (path.trimmed().isEmpty()) options->erase(std::string(key));
    else (*options)[key] = path.trimmed().toStdString();
    setOptionsAt(row, *options);
}

void TaskFamiliesEditor::onEdited() {
    if (m_loading) return;
    m_unlisted.reset();
    onCurrentRowChanged();  // the pickers follow an options cell typed by hand
    emit changed();
}

}  // namespace gcpo::ui
