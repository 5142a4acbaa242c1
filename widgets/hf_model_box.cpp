// HfModelBox: built-in model or a Hugging Face folder, with the folder's summary and memory estimate.
#include "hf_model_box.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTextDocumentFragment>

#include "config_panel.h"
#include "model/hf/hf_config.h"
#include "model/hf/memory_estimate.h"

namespace gcpo::ui {

using nlohmann::json;

namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
constexpr int64_t kAssumedPromptTokens = 256;  // prompts are not known before sampling

const json* at(const json& root, std::initializer_list<const char*> path) {
    const json* node = &root;
    for (const char* key : path) {
        if (!node->is_object() || !node->contains(key)) return nullptr;
        node = &(*node)[key];
    }
    return node;
}

template <class T>
T valueAt(const json& root, std::initializer_list<const char*> path, T fallback) {
    const json* v = at(root, path);
    try {
        return v ? v->get<T>() : fallback;
    } catch (const json::exception&) {
        return fallback;  // the form's validator names a malformed value
    }
}

}  // namespace

HfModelBox::HfModelBox(ConfigPanel* panel, QWidget* parent) : QWidget(parent), m_panel(panel) {
    setObjectName(QStringLiteral("hfModelBox"));
    m_source = new QComboBox(this);
    m_source->setObjectName(QStringLiteral("modelSource"));
    m_source->addItem(tr("Built-in (character-level)"), QStringLiteral("builtin"));
    m_source->addItem(tr("Hugging Face folder"), QStringLiteral("hf"));
    m_source->setToolTip(
        tr("Train the built-in character-level model, or a Hugging Face model folder "
           "(config.json, model.safetensors, tokenizer.json) such as Qwen2.5-0.5B-Instruct"));
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("hfFolder"));
    m_path->setPlaceholderText(tr("Hugging Face model folder"));
    m_browse = new QPushButton(tr("Browse…"), this);
    m_browse->setToolTip(tr("Choose a Hugging Face model folder"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("hfSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_path, 1);
    row->addWidget(m_browse);
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Model source"), m_source);
    form->addRow(tr("Model folder"), row);
    form->addRow(m_summary);

    connect(m_source, &QComboBox::currentIndexChanged, this, &HfModelBox::onSourceChanged);
    connect(m_browse, &QPushButton::clicked, this, &HfModelBox::onBrowse);
    connect(m_path, &QLineEdit::editingFinished, this, [this] {
        if (usesHf()) setEditors(QStringLiteral("hf"), m_path->text().trimmed());
    });
    connect(m_panel, &ConfigPanel::configChanged, this, &HfModelBox::syncFromPanel);
    syncFromPanel();
}

bool HfModelBox::usesHf() const { return m_source->currentData().toString() == QLatin1String("hf"); }

QString HfModelBox::summaryText() const { return QTextDocumentFragment::fromHtml(m_summary->text()).toPlainText(); }

void HfModelBox::setFolder(const QString& dir) {
    m_path->setText(dir);
    setEditors(QStringLiteral("hf"), dir);
}

void HfModelBox::useBuiltin() { setEditors(m_lastBuiltin, QString()); }

void HfModelBox::onSourceChanged(int) {
    if (m_syncing) return;
    if (usesHf()) setEditors(QStringLiteral("hf"), m_path->text().trimmed());
    else useBuiltin();
}

void HfModelBox::onBrowse() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Hugging Face model folder"), m_path->text());
    if (!dir.isEmpty()) setFolder(dir);
}

// model.init and model.path are the panel's editors: setting them revalidates the form, which calls
// syncFromPanel back.
void HfModelBox::setEditors(const QString& init, const QString& path) {
    if (auto* initEditor = qobject_cast<QComboBox*>(m_panel->editor(QStringLiteral("model.init")))) {
        const int i = initEditor->findText(init);
        if (i >= 0) initEditor->setCurrentIndex(i);
    }
    if (init != QLatin1String("hf")) return;
    QWidget* editor = m_panel->editor(QStringLiteral("model.path"));
    auto* pathEditor = qobject_cast<QLineEdit*>(editor);
    if (!pathEditor && editor) pathEditor = editor->findChild<QLineEdit*>();  // a composite path editor
    if (pathEditor) pathEditor->setText(path);
}

void HfModelBox::syncFromPanel() {
    const json config = m_panel->config();
    const QString init = QString::fromStdString(valueAt<std::string>(config, {"model", "init"}, "sft"));
    const bool hf = init == QLatin1String("hf");
    if (!hf) m_lastBuiltin = init;
    m_syncing = true;
    m_source->setCurrentIndex(hf ? 1 : 0);
    m_syncing = false;
    const QString path = QString::fromStdString(valueAt<std::string>(config, {"model", "path"}, ""));
    if (hf && !m_path->hasFocus()) m_path->setText(path);
    m_path->setEnabled(hf);
    m_browse->setEnabled(hf);
    m_summary->setVisible(hf);
    if (hf) refreshSummary(config);
}

void HfModelBox::refreshSummary(const json& config) {
    const json model = config.value("model", json::object());
    const std::string key = json{model, config.value("algo", json::object()), config.value("sampling", json::object()),
                                 config.value("optim", json::object())}
                                .dump();
    if (key == m_summaryKey) return;  // config.json is read again only when something it depends on changed
    m_summaryKey = key;
    const QString dir = QString::fromStdString(valueAt<std::string>(config, {"model", "path"}, ""));
    if (dir.isEmpty()) {
        m_summary->setText(tr("Choose a model folder."));
        return;
    }
    m_summary->setText(describeFolder(dir, config));
}

QString HfModelBox::describeFolder(const QString& dir, const json& config, bool* ok) {
    if (ok) *ok = false;
    model::hf::HfConfig c;
    try {
        c = model::hf::loadHfConfig(dir.toStdString());
    } catch (const std::exception& e) {
        return QStringLiteral("<span style='color:#d9534f'>%1</span>").arg(QString::fromStdString(e.what()).toHtmlEscaped());
    }
    QStringList lines;
    lines << tr("<b>%1</b>: %2 layers, hidden size %3, %4 heads / %5 KV heads, vocabulary %6%7")
                 .arg(QString::fromStdString(c.architecture).toHtmlEscaped())
                 .arg(c.layers)
                 .arg(c.hiddenSize)
                 .arg(c.heads)
                 .arg(c.kvHeads)
                 .arg(c.vocabSize)
                 .arg(c.tieWordEmbeddings ? tr(" (tied embeddings)") : QString());
    lines << tr("%1 parameters (%2 B)").arg(c.parameterCount()).arg(c.parameterCount() / 1e9, 0, 'f', 3);

    model::hf::MemoryOptions o;
    o.withReference = valueAt<double>(config, {"algo", "kl_coef"}, 0.0) > 0.0;
    const int64_t microBatch = valueAt<int64_t>(config, {"optim", "micro_batch"}, 0);
    const int64_t rows =
        valueAt<int64_t>(config, {"sampling", "prompts_per_step"}, 8) * valueAt<int64_t>(config, {"sampling", "group_size"}, 8);
    o.batch = microBatch > 0 ? std::min(microBatch, rows) : rows;
    o.tokens = kAssumedPromptTokens + valueAt<int64_t>(config, {"sampling", "max_new_tokens"}, 40);
    o.gradientCheckpointing = valueAt<bool>(config, {"model", "gradient_checkpointing"}, false);
    const std::string chosen = valueAt<std::string>(config, {"model", "dtype"}, "fp32");
    for (const char* dtype : {"fp32", "bf16"}) {
        o.precision = model::hf::trainPrecisionFromString(dtype);
        const auto m = model::hf::estimateTrainingMemory(c, o);
        QString line = tr("%1: %2 GiB weights, gradients, AdamW%3 + about %4 GiB activations = %5 GiB")
                           .arg(QString::fromLatin1(dtype))
                           .arg(m.states() / kGiB, 0, 'f', 2)
                           .arg(o.withReference ? tr(", reference") : QString())
                           .arg(m.activations / kGiB, 0, 'f', 2)
                           .arg(m.total() / kGiB, 0, 'f', 2);
        lines << (chosen == dtype ? QStringLiteral("<b>%1</b>").arg(line) : line);
    }
    lines << tr("<small>Activations estimated for %1 sequences × %2 tokens per forward (a prompt of about %3 tokens "
                "assumed); not measured.</small>")
                 .arg(o.batch)
                 .arg(o.tokens)
                 .arg(kAssumedPromptTokens);
    const QString folder = dir + QLatin1Char('/');
    if (!QFileInfo::exists(folder + QStringLiteral("tokenizer.json")))
        lines << QStringLiteral("<span style='color:#d9534f'>%1</span>").arg(tr("tokenizer.json is missing"));
    if (!QFileInfo::exists(folder + QStringLiteral("model.safetensors")) &&
        !QFileInfo::exists(folder + QStringLiteral("model.safetensors.index.json")))
        lines << QStringLiteral("<span style='color:#d9534f'>%1</span>")
                     .arg(tr("no model.safetensors or model.safetensors.index.json (config.json only)"));
    else if (ok) *ok = QFileInfo::exists(folder + QStringLiteral("tokenizer.json"));
    return lines.join(QStringLiteral("<br>"));
}

}  // namespace gcpo::ui
