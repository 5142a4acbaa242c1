// RunsBrowser's run management: search through the store's findRuns, and rename, tags, notes,
// delete and the stored config, each one transaction on a connection opened for writing only for
// that call (the trainer stays the only long-lived writer; WAL keeps readers going).
#include "runs_browser.h"

#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFont>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <exception>
#include <optional>

#include "runs_table_model.h"
#include "store/run_admin.h"

namespace gcpo::ui {

template <typename Fn>
bool RunsBrowser::write(Fn&& fn, QString* error) {
    if (!m_source || !m_source->isOpen()) {
        if (error) *error = tr("No database is open");
        return false;
    }
    try {
        gcpo::store::RunStore store(m_source->databasePath().toStdString(), gcpo::store::RunStore::Mode::Write);
        fn(store);
    } catch (const std::exception& e) {
        if (error) *error = QString::fromUtf8(e.what());
        return false;
    }
    m_source->refreshNow();
    return true;
}

bool RunsBrowser::renameRun(qint64 runId, const QString& name, QString* error) {
    return write([&](gcpo::store::RunStore& s) { gcpo::store::renameRun(s, runId, name.toStdString()); }, error);
}

bool RunsBrowser::setRunTags(qint64 runId, const QStringList& tags, QString* error) {
    std::vector<std::string> t;
    for (const QString& tag : tags)
        if (!tag.trimmed().isEmpty()) t.push_back(tag.trimmed().toStdString());
    const bool ok = write([&](gcpo::store::RunStore& s) { gcpo::store::setRunTags(s, runId, t); }, error);
    if (ok) applySearch();
    return ok;
}

bool RunsBrowser::setRunNotes(qint64 runId, const QString& notes, QString* error) {
    const bool ok = write([&](gcpo::store::RunStore& s) { gcpo::store::setRunNotes(s, runId, notes.toStdString()); }, error);
    if (ok) applySearch();
    return ok;
}

bool RunsBrowser::deleteRun(qint64 runId, QString* error) {
    QList<qint64> keep = selectedRuns();
    keep.removeAll(runId);
    const bool ok = write([&](gcpo::store::RunStore& s) { gcpo::store::deleteRun(s, runId); }, error);
    if (ok) selectRuns(keep);
    return ok;
}

QString RunsBrowser::storedConfig(qint64 runId, QString* error) const {
    if (!m_source || !m_source->guiStore()) {
        if (error) *error = tr("No database is open");
        return {};
    }
    try {
        return QString::fromStdString(gcpo::store::storedConfig(*m_source->guiStore(), runId));
    } catch (const std::exception& e) {
        if (error) *error = QString::fromUtf8(e.what());
        return {};
    }
}

void RunsBrowser::setSearchText(const QString& text) {
    if (m_search->text() != text) m_search->setText(text);  // textChanged applies it
    else applySearch();
}

int RunsBrowser::visibleRunCount() const { return m_proxy->rowCount(); }

void RunsBrowser::applySearch() {
    const QString text = m_search->text().trimmed();
    std::optional<QSet<qint64>> ids;
    if (!text.isEmpty() && m_source && m_source->guiStore()) {
        ids = QSet<qint64>();
        try {
            gcpo::store::RunFilter filter;
            filter.text = text.toStdString();
            for (const auto& l : gcpo::store::findRuns(*m_source->guiStore(), filter)) ids->insert(l.run.id);
        } catch (const std::exception& e) {
            m_search->setToolTip(tr("Search failed: %1").arg(QString::fromUtf8(e.what())));
        }
    }
    setVisibleRuns(ids);
}

void RunsBrowser::editTags(qint64 runId) {
    QStringList current;
    try {
        if (m_source && m_source->guiStore())
            for (const auto& t : gcpo::store::runAnnotations(*m_source->guiStore(), runId).tags)
                current << QString::fromStdString(t);
    } catch (const std::exception&) {}
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Tags of run %1").arg(runId), tr("Tags, separated by commas:"),
                                               QLineEdit::Normal, current.join(QStringLiteral(", ")), &ok);
    QString error;
    if (ok && !setRunTags(runId, text.split(QLatin1Char(','), Qt::SkipEmptyParts), &error))
        QMessageBox::warning(this, tr("Tags"), error);
}

void RunsBrowser::editNotes(qint64 runId) {
    QString current;
    try {
        if (m_source && m_source->guiStore())
            current = QString::fromStdString(gcpo::store::runAnnotations(*m_source->guiStore(), runId).notes);
    } catch (const std::exception&) {}
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(this, tr("Notes on run %1").arg(runId), tr("Notes:"), current, &ok);
    QString error;
    if (ok && !setRunNotes(runId, text, &error)) QMessageBox::warning(this, tr("Notes"), error);
}

void RunsBrowser::confirmDelete(qint64 runId) {
    const gcpo::store::RunInfo* r = m_source ? m_source->run(runId) : nullptr;
    const QString what = r ? tr("run %1 \"%2\" (%3, %n step(s) stored)", nullptr, static_cast<int>(r->lastStep + 1))
                                 .arg(runId)
                                 .arg(QString::fromStdString(r->name), QString::fromStdString(r->algorithm))
                           : tr("run %1").arg(runId);
    const auto answer = QMessageBox::question(
        this, tr("Delete run"),
        tr("Delete %1 and everything it wrote (metrics, rollouts, evaluations, checkpoints beside the database, log, notes, "
           "tags)? This cannot be undone.")
            .arg(what),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes) return;
    QString error;
    if (!deleteRun(runId, &error)) QMessageBox::warning(this, tr("Delete run"), error);
}

void RunsBrowser::showConfig(qint64 runId) {
    QString error;
    const QString json = storedConfig(runId, &error);
    if (json.isEmpty()) {
        QMessageBox::warning(this, tr("Stored config"), error);
        return;
    }
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Stored config of run %1").arg(runId));
    dialog.resize(620, 640);
    auto* text = new QPlainTextEdit(json, &dialog);
    text->setReadOnly(true);
    text->setFont(QFont(QStringLiteral("monospace")));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    QPushButton* copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    QPushButton* fromConfig = buttons->addButton(tr("New run from this config"), QDialogButtonBox::AcceptRole);
    connect(copy, &QPushButton::clicked, &dialog, [json] { QApplication::clipboard()->setText(json); });
    connect(fromConfig, &QPushButton::clicked, &dialog, [this, &dialog, json] {
        emit newRunFromConfigRequested(json);
        dialog.accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(new QLabel(tr("The full resolved config this run trained with:"), &dialog));
    layout->addWidget(text, 1);
    layout->addWidget(buttons);
    dialog.exec();
}

}  // namespace gcpo::ui
