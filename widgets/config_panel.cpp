// ConfigPanel: the trainer's field table rendered as a grouped form, validated by the core.
#include "config_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>

#include <cmath>

#include "path_edit.h"
#include "hf_model_box.h"
#include "rl/algorithms.h"
#include "rl/train_config.h"
#include "task_families_editor.h"
#include "util/json_path.h"

namespace gcpo::ui {

using gcpo::rl::ConfigField;
using gcpo::rl::FieldType;
using nlohmann::json;

namespace {

const char* const kGroupOrder[] = {"run", "task", "model", "sampling", "algorithm", "optimisation", "evaluation", "storage"};

QString groupTitle(const std::string& g) {
    if (g == "run") return ConfigPanel::tr("Run");
    if (g == "task") return ConfigPanel::tr("Task");
    if (g == "model") return ConfigPanel::tr("Model");
    if (g == "sampling") return ConfigPanel::tr("Sampling");
    if (g == "algorithm") return ConfigPanel::tr("Algorithm");
    if (g == "optimisation") return ConfigPanel::tr("Optimisation");
    if (g == "evaluation") return ConfigPanel::tr("Evaluation");
    if (g == "storage") return ConfigPanel::tr("Storage");
    return QString::fromStdString(g);
}

// The algorithm table's preset titles, for lupdate (translated in ConfigPanel's context).
[[maybe_unused]] const char* const kPresetTitles[] = {
    QT_TRANSLATE_NOOP("gcpo::ui::ConfigPanel", "GCPO (Shapley coverage credit)"),
    QT_TRANSLATE_NOOP("gcpo::ui::ConfigPanel", "GRPO"),
    QT_TRANSLATE_NOOP("gcpo::ui::ConfigPanel", "Dr. GRPO"),
    QT_TRANSLATE_NOOP("gcpo::ui::ConfigPanel", "DAPO"),
    QT_TRANSLATE_NOOP("gcpo::ui::ConfigPanel", "GRPO + entropy bonus"),
    QT_TRANSLATE_NOOP("gcpo::ui::ConfigPanel", "GRPO + diversity bonus"),
};

QString presetTitle(const QString& id) {
    if (id == QLatin1String("demo")) return ConfigPanel::tr("Demo experiment");
    if (const auto* a = gcpo::rl::findAlgorithm(id.toStdString()))
        return QCoreApplication::translate("gcpo::ui::ConfigPanel", a->title);
    return id;
}

// The demo config is built into the program (resources/workbench.qrc); $GCPO_RESOURCES overrides
// it for development.
QString demoConfigPath() {
    const QString sub = QStringLiteral("configs/demo.json");
    const QString dir = qEnvironmentVariable("GCPO_RESOURCES");
    if (!dir.isEmpty() && QFile::exists(dir + QLatin1Char('/') + sub)) return dir + QLatin1Char('/') + sub;
    return QStringLiteral(":/") + sub;
}

// The field labels come from the core in English; they are translated here (the help texts, the
// core's own documentation of each setting, stay English in the tooltips).
[[maybe_unused]] const char* const kFieldLabels[] = {
    QT_TRANSLATE_NOOP("ConfigField", "Run name"),
    QT_TRANSLATE_NOOP("ConfigField", "Algorithm"),
    QT_TRANSLATE_NOOP("ConfigField", "Seed"),
    QT_TRANSLATE_NOOP("ConfigField", "Device"),
    QT_TRANSLATE_NOOP("ConfigField", "CPU threads"),
    QT_TRANSLATE_NOOP("ConfigField", "Steps"),
    QT_TRANSLATE_NOOP("ConfigField", "Task families"),
    QT_TRANSLATE_NOOP("ConfigField", "Format reward"),
    QT_TRANSLATE_NOOP("ConfigField", "Initial policy"),
    QT_TRANSLATE_NOOP("ConfigField", "SFT config"),
    QT_TRANSLATE_NOOP("ConfigField", "Checkpoint"),
    QT_TRANSLATE_NOOP("ConfigField", "Prompts per step (B)"),
    QT_TRANSLATE_NOOP("ConfigField", "Group size (G)"),
    QT_TRANSLATE_NOOP("ConfigField", "Temperature"),
    QT_TRANSLATE_NOOP("ConfigField", "Top-k"),
    QT_TRANSLATE_NOOP("ConfigField", "Top-p"),
    QT_TRANSLATE_NOOP("ConfigField", "Max new tokens"),
    QT_TRANSLATE_NOOP("ConfigField", "Inner epochs (μ)"),
    QT_TRANSLATE_NOOP("ConfigField", "Clip ε low"),
    QT_TRANSLATE_NOOP("ConfigField", "Clip ε high"),
    QT_TRANSLATE_NOOP("ConfigField", "Loss aggregation"),
    QT_TRANSLATE_NOOP("ConfigField", "KL coefficient (β)"),
    QT_TRANSLATE_NOOP("ConfigField", "KL estimator"),
    QT_TRANSLATE_NOOP("ConfigField", "Entropy bonus"),
    QT_TRANSLATE_NOOP("ConfigField", "Scale by std"),
    QT_TRANSLATE_NOOP("ConfigField", "Filter zero-variance groups"),
    QT_TRANSLATE_NOOP("ConfigField", "Diversity bonus"),
    QT_TRANSLATE_NOOP("ConfigField", "Embedding backend"),
    QT_TRANSLATE_NOOP("ConfigField", "n-gram hash size"),
    QT_TRANSLATE_NOOP("ConfigField", "Kernel"),
    QT_TRANSLATE_NOOP("ConfigField", "RBF γ"),
    QT_TRANSLATE_NOOP("ConfigField", "Volume scale (β)"),
    QT_TRANSLATE_NOOP("ConfigField", "Credit estimator"),
    QT_TRANSLATE_NOOP("ConfigField", "Permutation samples"),
    QT_TRANSLATE_NOOP("ConfigField", "Coverage for every algorithm"),
    QT_TRANSLATE_NOOP("ConfigField", "Accuracy weight (w)"),
    QT_TRANSLATE_NOOP("ConfigField", "Game reward"),
    QT_TRANSLATE_NOOP("ConfigField", "Learning rate"),
    QT_TRANSLATE_NOOP("ConfigField", "Weight decay"),
    QT_TRANSLATE_NOOP("ConfigField", "Adam β1"),
    QT_TRANSLATE_NOOP("ConfigField", "Adam β2"),
    QT_TRANSLATE_NOOP("ConfigField", "Gradient clip"),
    QT_TRANSLATE_NOOP("ConfigField", "Warm-up steps"),
    QT_TRANSLATE_NOOP("ConfigField", "LR schedule"),
    QT_TRANSLATE_NOOP("ConfigField", "Micro-batch"),
    QT_TRANSLATE_NOOP("ConfigField", "Evaluate every"),
    QT_TRANSLATE_NOOP("ConfigField", "Eval prompts"),
    QT_TRANSLATE_NOOP("ConfigField", "Samples per prompt (n)"),
    QT_TRANSLATE_NOOP("ConfigField", "pass@k values"),
    QT_TRANSLATE_NOOP("ConfigField", "Eval temperature"),
    QT_TRANSLATE_NOOP("ConfigField", "Store rollouts"),
    QT_TRANSLATE_NOOP("ConfigField", "Rollouts every N"),
    QT_TRANSLATE_NOOP("ConfigField", "Checkpoint every"),
    QT_TRANSLATE_NOOP("ConfigField", "Checkpoints kept"),
    QT_TRANSLATE_NOOP("ConfigField", "Hugging Face folder"),
    QT_TRANSLATE_NOOP("ConfigField", "Precision"),
    QT_TRANSLATE_NOOP("ConfigField", "Chat format"),
    QT_TRANSLATE_NOOP("ConfigField", "System prompt"),
    QT_TRANSLATE_NOOP("ConfigField", "Gradient checkpointing"),
    QT_TRANSLATE_NOOP("ConfigField", "Embedding layer"),
    QT_TRANSLATE_NOOP("ConfigField", "Distributed backend"),
    QT_TRANSLATE_NOOP("ConfigField", "Distributed timeout (s)"),
    QT_TRANSLATE_NOOP("ConfigField", "Replica check every"),
};

QString fieldLabel(const ConfigField& f) { return QCoreApplication::translate("ConfigField", f.label.c_str()); }

QString numberText(double v) { return QString::number(v, 'g', 10); }

// Settings that hold a path get a Browse button: a new path setting is one row here.
struct PathField {
    const char* path;
    PathEdit::Kind kind;
    const char* filter;  // QFileDialog filter (files), translated in ConfigPanel's context
};
const PathField kPathFields[] = {
    {"model.sft_config", PathEdit::Kind::OpenFile,
     QT_TRANSLATE_NOOP("gcpo::ui::ConfigPanel", "SFT configs (*.json);;All files (*)")},
    {"model.checkpoint", PathEdit::Kind::Folder, nullptr},
};

const PathField* findPathField(const std::string& path) {
    for (const PathField& p : kPathFields)
        if (path == p.path) return &p;
    return nullptr;
}

// Settings read only while another setting has a given value; greyed out otherwise (the
// algorithm-specific ones come from the algorithm table, see updateEnabledFields).
struct DependentField {
    const char* path;
    const char* controller;
    const char* value;
};
const DependentField kDependentFields[] = {
    {"model.sft_config", "model.init", "sft"},
    {"model.checkpoint", "model.init", "checkpoint"},
    {"storage.rollouts_every", "storage.rollouts", "every_n"},
};

}  // namespace

ConfigPanel::ConfigPanel(QWidget* parent) : QWidget(parent) {
    m_presets = new QComboBox(this);
    m_presets->setObjectName(QStringLiteral("presets"));
    m_presets->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);  // the panel may be narrow
    m_presets->setMinimumContentsLength(14);
    m_presets->setToolTip(tr("Apply a built-in preset: the whole form is reset to the preset (defaults elsewhere)"));
    for (const QString& id : presetIds()) m_presets->addItem(presetTitle(id), id);
    connect(m_presets, &QComboBox::activated, this, &ConfigPanel::onPresetActivated);
    auto* load = new QPushButton(tr("Load…"), this);
    load->setToolTip(tr("Load a run configuration from a JSON file"));
    connect(load, &QPushButton::clicked, this, &ConfigPanel::onLoadClicked);
    auto* save = new QPushButton(tr("Save…"), this);
    save->setToolTip(tr("Save this configuration as a JSON file (usable with gcpo-train run --config)"));
    connect(save, &QPushButton::clicked, this, &ConfigPanel::onSaveClicked);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Preset:"), this));
    top->addWidget(m_presets, 1);
    top->addWidget(load);
    top->addWidget(save);
    auto* databaseRow = new QHBoxLayout;
    databaseRow->addWidget(new QLabel(tr("Database:"), this));
    databaseRow->addWidget(buildDatabasePicker(), 1);

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(buildForm());

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("issueSummary"));
    m_summary->setWordWrap(true);
    m_summary->setStyleSheet(QStringLiteral("color: #d9534f;"));
    m_start = new QPushButton(QIcon(QStringLiteral(":/icons/start.svg")), tr("Start training"), this);
    m_start->setObjectName(QStringLiteral("startButton"));
    m_start->setToolTip(tr("Start gcpo-train with this configuration in the open database (Ctrl+R)"));
    connect(m_start, &QPushButton::clicked, this, &ConfigPanel::startRequested);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addLayout(databaseRow);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_start);
    setConfig(json::object());
}

QStringList ConfigPanel::presetIds() {
    QStringList ids;
    for (const auto& a : gcpo::rl::algorithms()) ids << QString::fromLatin1(a.name);
    return ids << QStringLiteral("demo");
}

QWidget* ConfigPanel::buildForm() {
    auto* form = new QWidget;
    auto* outer = new QVBoxLayout(form);
    // A field the validator names is outlined; the style applies to whatever kind of editor it is.
    form->setStyleSheet(QStringLiteral("*[gcpoInvalid=\"true\"] { border: 2px solid #d9534f; border-radius: 3px; }"));
    for (const char* group : kGroupOrder) {
        auto* box = new QGroupBox(groupTitle(group), form);
        auto* fl = new QFormLayout(box);
        fl->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        fl->setRowWrapPolicy(QFormLayout::WrapLongRows);                           // a narrow panel puts long labels above
        if (std::string(group) == "model") fl->addRow(new HfModelBox(this, box));  // built-in or a Hugging Face folder
        for (const ConfigField& f : gcpo::rl::configFields()) {
            if (f.group != group) continue;
            FieldUi ui;
            ui.field = &f;
            ui.editor = makeEditor(f);
            ui.editor->setObjectName(QString::fromStdString(f.path));
            const QString tip = QStringLiteral("<b>%1</b> (<code>%2</code>)<br>%3")
                                    .arg(fieldLabel(f).toHtmlEscaped(), QString::fromStdString(f.path),
                                         QString::fromStdString(f.help).toHtmlEscaped());
            ui.editor->setToolTip(tip);
            ui.message = new QLabel(box);
            ui.message->setWordWrap(true);
            ui.message->setStyleSheet(QStringLiteral("color: #d9534f; font-size: small;"));
            ui.message->hide();
            auto* cell = new QWidget(box);
            auto* cl = new QVBoxLayout(cell);
            cl->setContentsMargins(0, 0, 0, 0);
            cl->setSpacing(1);
            cl->addWidget(ui.editor);
            cl->addWidget(ui.message);
            auto* label = new QLabel(fieldLabel(f), box);
            label->setToolTip(tip);
            label->setBuddy(ui.editor);
            if (qobject_cast<TaskFamiliesEditor*>(ui.editor)) {  // a table: the whole width, its label above
                fl->addRow(label);
                fl->addRow(cell);
            } else {
                fl->addRow(label, cell);
            }
            m_byPath.insert(QString::fromStdString(f.path), int(m_fields.size()));
            m_fields.append(ui);
        }
        if (fl->rowCount() > 0) outer->addWidget(box);
        else delete box;
    }
    outer->addStretch(1);
    return form;
}

QWidget* ConfigPanel::makeEditor(const ConfigField& f) {
    if (f.path == "tasks.families") {
        auto* t = new TaskFamiliesEditor;
        connect(t, &TaskFamiliesEditor::changed, this, &ConfigPanel::revalidate);
        return t;
    }
    if (const PathField* p = findPathField(f.path)) {
        const QString filter = p->filter ? tr(p->filter) : QString();
        auto* e = new PathEdit(p->kind, fieldLabel(f), filter);
        e->setAttribute(Qt::WA_StyledBackground);  // so the "invalid" outline is drawn
        connect(e, &PathEdit::textChanged, this, &ConfigPanel::revalidate);
        return e;
    }
    switch (f.type) {
    case FieldType::Int: {
        auto* s = new QSpinBox;
        s->setRange(int(std::max(f.min, -2147483647.0)), int(std::min(f.max > f.min ? f.max : 2147483647.0, 2147483647.0)));
        connect(s, &QSpinBox::valueChanged, this, &ConfigPanel::revalidate);
        return s;
    }
    case FieldType::Bool: {
        auto* c = new QCheckBox;
        connect(c, &QCheckBox::toggled, this, &ConfigPanel::revalidate);
        return c;
    }
    case FieldType::Choice: {
        auto* c = new QComboBox;
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);  // never widens the panel
        c->setMinimumContentsLength(10);
        for (const auto& choice : f.choices) c->addItem(QString::fromStdString(choice));
        connect(c, &QComboBox::currentIndexChanged, this, &ConfigPanel::revalidate);
        return c;
    }
    case FieldType::Double:
    case FieldType::String:
    case FieldType::IntList:
    case FieldType::Object: {
        auto* e = new QLineEdit;
        if (f.type == FieldType::IntList) e->setPlaceholderText(tr("comma-separated integers, e.g. 1, 2, 4, 8"));
        if (f.type == FieldType::Object) e->setPlaceholderText(tr("JSON"));
        connect(e, &QLineEdit::textChanged, this, &ConfigPanel::revalidate);
        return e;
    }
    }
    return new QLineEdit;
}

void ConfigPanel::setEditorValue(const FieldUi& ui, const json& v) {
    const QSignalBlocker block(ui.editor);
    if (auto* t = qobject_cast<TaskFamiliesEditor*>(ui.editor)) return t->setFamilies(v);
    if (auto* p = qobject_cast<PathEdit*>(ui.editor))
        return p->setText(v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString::fromStdString(v.dump()));
    switch (ui.field->type) {
    case FieldType::Int: static_cast<QSpinBox*>(ui.editor)->setValue(v.is_number() ? int(v.get<double>()) : 0); break;
    case FieldType::Bool: static_cast<QCheckBox*>(ui.editor)->setChecked(v.is_boolean() && v.get<bool>()); break;
    case FieldType::Choice: {
        auto* c = static_cast<QComboBox*>(ui.editor);
        while (c->count() > int(ui.field->choices.size())) c->removeItem(c->count() - 1);  // no stale value stays
        const QString s = v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString();
        const int i = c->findText(s);
        if (i >= 0) c->setCurrentIndex(i);
        else {  // a value the field does not offer: show it, and let the validator name it
            c->addItem(s);
            c->setCurrentIndex(c->count() - 1);
        }
        break;
    }
    case FieldType::Double:
        static_cast<QLineEdit*>(ui.editor)->setText(v.is_number() ? numberText(v.get<double>())
                                                                  : QString::fromStdString(v.dump()));
        break;
    case FieldType::String:
        static_cast<QLineEdit*>(ui.editor)->setText(v.is_string() ? QString::fromStdString(v.get<std::string>())
                                                                  : QString::fromStdString(v.dump()));
        break;
    case FieldType::IntList: {
        QStringList parts;
        if (v.is_array())
            for (const auto& x : v) parts << QString::fromStdString(x.dump());
        static_cast<QLineEdit*>(ui.editor)->setText(parts.join(QStringLiteral(", ")));
        break;
    }
    case FieldType::Object:
        static_cast<QLineEdit*>(ui.editor)->setText(QString::fromStdString(v.dump()));
        static_cast<QLineEdit*>(ui.editor)->setCursorPosition(0);
        break;
    }
}

bool ConfigPanel::editorValue(const FieldUi& ui, json* out, QString* problem) const {
    if (auto* t = qobject_cast<TaskFamiliesEditor*>(ui.editor)) return t->families(out, problem);
    if (auto* p = qobject_cast<PathEdit*>(ui.editor)) {
        *out = p->text().trimmed().toStdString();
        return true;
    }
    switch (ui.field->type) {
    case FieldType::Int: *out = static_cast<QSpinBox*>(ui.editor)->value(); return true;
    case FieldType::Bool: *out = static_cast<QCheckBox*>(ui.editor)->isChecked(); return true;
    case FieldType::Choice: *out = static_cast<QComboBox*>(ui.editor)->currentText().toStdString(); return true;
    default: break;
    }
    const QString text = static_cast<QLineEdit*>(ui.editor)->text().trimmed();
    if (ui.field->type == FieldType::String) {
        *out = text.toStdString();
        return true;
    }
    if (ui.field->type == FieldType::Double) {
        bool ok = false;
        const double d = text.toDouble(&ok);
        if (!ok || !std::isfinite(d)) {
            *problem = tr("not a number: \"%1\"").arg(text);
            return false;
        }
        *out = d;
        return true;
    }
    if (ui.field->type == FieldType::IntList) {
        json arr = json::array();
        for (const QString& part : text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
            bool ok = false;
            const qlonglong n = part.toLongLong(&ok);
            if (!ok) {
                *problem = tr("not an integer: \"%1\"").arg(part);
                return false;
            }
            arr.push_back(n);
        }
        *out = arr;
        return true;
    }
    try {
        *out = json::parse(text.toStdString());
        return true;
    } catch (const json::exception&) {
        *problem = tr("not valid JSON");
        return false;
    }
}

json ConfigPanel::config() const {
    json cfg = json::object();
    for (const FieldUi& ui : m_fields) {
        json v;
        QString problem;
        if (editorValue(ui, &v, &problem)) util::setPath(cfg, ui.field->path, v);
    }
    return cfg;
}

QByteArray ConfigPanel::configJson() const { return QByteArray::fromStdString(config().dump(2)) + '\n'; }

bool ConfigPanel::setConfig(const json& config, QString* error) {
    if (!config.is_object()) {
        if (error) *error = tr("a run config must be a JSON object");
        return false;
    }
    const json full = gcpo::rl::mergeConfig(gcpo::rl::defaultConfig(), config);
    m_loading = true;
    for (const FieldUi& ui : m_fields) {
        const json* v = util::findPath(full, ui.field->path);
        setEditorValue(ui, v ? *v : ui.field->defaultValue);
    }
    m_loading = false;
    revalidate();
    return true;
}

bool ConfigPanel::loadFile(const QString& path, QString* error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error) *error = tr("Cannot read %1: %2").arg(path, f.errorString());
        return false;
    }
    try {
        return setConfig(json::parse(f.readAll().toStdString()), error);
    } catch (const json::exception& e) {
        if (error) *error = tr("%1 is not valid JSON: %2").arg(path, QString::fromUtf8(e.what()));
        return false;
    }
}

bool ConfigPanel::saveFile(const QString& path, QString* error) const {
    QFile f(path);
    const QByteArray data = configJson();
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(data) != data.size()) {
        if (error) *error = tr("Cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

bool ConfigPanel::applyPreset(const QString& id, QString* error) {
    if (!presetIds().contains(id)) {
        if (error) *error = tr("Unknown preset %1").arg(id);
        return false;
    }
    json preset;
    if (const auto* a = gcpo::rl::findAlgorithm(id.toStdString())) {
        preset = gcpo::rl::algorithmPreset(a->id);
    } else {
        QFile f(demoConfigPath());
        if (!f.open(QIODevice::ReadOnly)) {
            if (error) *error = tr("Cannot read preset %1: %2").arg(id, f.errorString());
            return false;
        }
        try {
            preset = json::parse(f.readAll().toStdString());
        } catch (const json::exception& e) {
            if (error) *error = tr("Preset %1 is not valid JSON: %2").arg(id, QString::fromUtf8(e.what()));
            return false;
        }
    }
    // The whole form becomes the preset: defaults wherever the preset says nothing.
    const bool ok = setConfig(preset, error);
    const int i = m_presets->findData(id);
    if (i >= 0) m_presets->setCurrentIndex(i);
    return ok;
}

QStringList ConfigPanel::issues() const {
    QStringList out;
    for (auto it = m_issues.cbegin(); it != m_issues.cend(); ++it)
        out << (it.key().isEmpty() ? it.value() : QStringLiteral("%1: %2").arg(it.key(), it.value()));
    out.sort();
    return out;
}

QString ConfigPanel::issueFor(const QString& path) const { return m_issues.value(path); }

QWidget* ConfigPanel::editor(const QString& path) const {
    const auto it = m_byPath.constFind(path);
    return it == m_byPath.cend() ? nullptr : m_fields[*it].editor;
}

void ConfigPanel::setRunning(bool running) {
    m_running = running;
    updateStartButton();
}

QWidget* ConfigPanel::buildDatabasePicker() {
    m_database = new PathEdit(PathEdit::Kind::SaveFile, tr("Open or create a run database"),
                              tr("Run databases (*.sqlite *.db);;All files (*)"), this);
    m_database->setObjectName(QStringLiteral("database"));
    m_database->lineEdit()->setReadOnly(true);  // chosen with Browse, opened by the window
    m_database->setPlaceholderText(tr("none: choose an existing file or name a new one"));
    m_database->setToolTip(tr("The run database the run is written to; a new file name creates an empty database"));
    // The field shows a file only once the window has opened it (setDatabase).
    connect(m_database, &PathEdit::browsed, this, &ConfigPanel::databaseChosen);
    return m_database;
}

void ConfigPanel::setDatabase(const QString& path) {
    m_databasePath = path;
    m_database->setText(path);
    updateStartButton();
}

void ConfigPanel::updateStartButton() {
    QString why;
    if (m_running) why = tr("A run is training: one at a time from this window");
    else if (m_databasePath.isEmpty()) why = tr("Choose a run database first (Database: Browse…, or File > Open / New)");
    else if (!isValid()) why = tr("Fix the problems shown in red first");
    m_start->setEnabled(why.isEmpty());
    m_start->setToolTip(why.isEmpty() ? tr("Start gcpo-train with this configuration in %1 (Ctrl+R)").arg(m_databasePath) : why);
}

void ConfigPanel::markField(const FieldUi& ui, const QString& message) {
    const bool invalid = !message.isEmpty();
    if (ui.editor->property("gcpoInvalid").toBool() != invalid) {
        ui.editor->setProperty("gcpoInvalid", invalid);
        ui.editor->style()->unpolish(ui.editor);
        ui.editor->style()->polish(ui.editor);
    }
    ui.message->setText(message);
    ui.message->setVisible(invalid);
}

void ConfigPanel::revalidate() {
    if (m_loading) return;
    m_issues.clear();
    json cfg = json::object();
    for (const FieldUi& ui : m_fields) {
        json v;
        QString problem;
        if (editorValue(ui, &v, &problem)) util::setPath(cfg, ui.field->path, v);
        else m_issues.insert(QString::fromStdString(ui.field->path), problem);
    }
    for (const auto& issue : gcpo::rl::validateConfig(cfg)) {
        QString path = QString::fromStdString(issue.path);
        // "tasks.families[0].name" belongs to the field "tasks.families".
        while (!path.isEmpty() && !m_byPath.contains(path)) {
            const int cut = std::max(path.lastIndexOf(QLatin1Char('.')), path.lastIndexOf(QLatin1Char('[')));
            path = cut > 0 ? path.left(cut) : QString();
        }
        const QString key = path.isEmpty() ? QString::fromStdString(issue.path) : path;
        QString msg = QString::fromStdString(issue.message);
        if (!path.isEmpty() && path.size() < int(issue.path.size())) {
            // Keep what the field's own path leaves out: "[0].options.bogus" -> "row 1 options.bogus".
            QString where = QString::fromStdString(issue.path).mid(path.size());
            static const QRegularExpression row(QStringLiteral("^\\[(\\d+)\\]\\.?"));
            if (const auto m = row.match(where); m.hasMatch()) {
                const QString rest = where.mid(m.capturedLength());
                where = tr("row %1").arg(m.captured(1).toInt() + 1) + (rest.isEmpty() ? QString() : QLatin1Char(' ') + rest);
            }
            msg = where + QStringLiteral(": ") + msg;
        }
        m_issues.insert(key, m_issues.contains(key) ? m_issues.value(key) + QStringLiteral("; ") + msg : msg);
    }
    for (const FieldUi& ui : m_fields)  // a check of the GUI's own: a data set family without its file
        if (auto* t = qobject_cast<TaskFamiliesEditor*>(ui.editor); t && !t->missingDataFiles().isEmpty()) {
            const QString key = QString::fromStdString(ui.field->path);
            m_issues.insert(key, m_issues.contains(key) ? m_issues.value(key) + QStringLiteral("; ") + t->missingDataFiles()
                                                        : t->missingDataFiles());
        }
    for (const FieldUi& ui : m_fields) markField(ui, m_issues.value(QString::fromStdString(ui.field->path)));
    updateEnabledFields(cfg);
    const bool valid = m_issues.isEmpty();
    m_summary->setText(valid ? QString()
                             : tr("%n problem(s): %1", nullptr, int(m_issues.size())).arg(issues().join(QStringLiteral("; "))));
    m_summary->setVisible(!valid);
    updateStartButton();
    emit configChanged();
    if (valid != m_lastValid) {
        m_lastValid = valid;
        emit validityChanged(valid);
    }
}

void ConfigPanel::updateEnabledFields(const json& cfg) {
    // The algorithm table says which settings the chosen algorithm reads; the others are greyed.
    const json* name = util::findPath(cfg, "algorithm");
    const auto* algorithm = name && name->is_string() ? gcpo::rl::findAlgorithm(name->get<std::string>()) : nullptr;
    const json* monitor = util::findPath(cfg, "gcpo.monitor");
    const bool monitoring = !monitor || !monitor->is_boolean() || monitor->get<bool>();
    for (const FieldUi& ui : m_fields)
        ui.editor->setEnabled(!algorithm || gcpo::rl::algorithmUsesField(algorithm->id, ui.field->path, monitoring));
    // ...and the settings only read for one value of another (the checkpoint only for init = checkpoint).
    for (const DependentField& d : kDependentFields) {
        const json* controller = util::findPath(cfg, d.controller);
        const bool used = !controller || !controller->is_string() || controller->get<std::string>() == d.value;
        if (QWidget* w = editor(QString::fromLatin1(d.path)); w && !used) w->setEnabled(false);
    }
}

void ConfigPanel::onLoadClicked() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Load run configuration"), QString(), tr("JSON files (*.json);;All files (*)"));
    if (path.isEmpty()) return;
    QString error;
    if (!loadFile(path, &error)) QMessageBox::warning(this, tr("Load run configuration"), error);
}

void ConfigPanel::onSaveClicked() {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save run configuration"), QStringLiteral("run.json"), tr("JSON files (*.json)"));
    if (path.isEmpty()) return;
    QString error;
    if (!saveFile(path, &error)) QMessageBox::warning(this, tr("Save run configuration"), error);
}

void ConfigPanel::onPresetActivated(int index) {
    QString error;
    if (!applyPreset(m_presets->itemData(index).toString(), &error)) QMessageBox::warning(this, tr("Preset"), error);
}

}  // namespace gcpo::ui
