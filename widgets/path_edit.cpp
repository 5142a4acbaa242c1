// PathEdit: path text plus a Browse button (QFileDialog for a file, a folder or a new file).
#include "path_edit.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QToolButton>

namespace gcpo::ui {

PathEdit::PathEdit(Kind kind, const QString& dialogTitle, const QString& filter, QWidget* parent)
    : QWidget(parent), m_kind(kind), m_title(dialogTitle), m_filter(filter) {
    m_edit = new QLineEdit(this);
    m_browse = new QToolButton(this);
    m_browse->setObjectName(QStringLiteral("browse"));
    m_browse->setText(tr("Browse…"));
    m_browse->setToolTip(kind == Kind::Folder ? tr("Choose a folder") : tr("Choose a file"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_browse);
    setFocusProxy(m_edit);
    connect(m_edit, &QLineEdit::textChanged, this, &PathEdit::textChanged);
    connect(m_browse, &QToolButton::clicked, this, &PathEdit::browse);
}

QString PathEdit::text() const { return m_edit->text(); }

void PathEdit::setText(const QString& path) {
    if (m_edit->text() == path) return;  // keeps the cursor where the user is typing
    const QSignalBlocker block(m_edit);
    m_edit->setText(path);
    m_edit->setCursorPosition(int(path.size()));  // the file name, not the folders, stays in view
}

void PathEdit::setPlaceholderText(const QString& text) { m_edit->setPlaceholderText(text); }

void PathEdit::browse() {
    const QString start = text().isEmpty() ? QString() : QFileInfo(text()).absolutePath();
    QString path;
    switch (m_kind) {
    case Kind::OpenFile: path = QFileDialog::getOpenFileName(this, m_title, start, m_filter); break;
    case Kind::Folder: path = QFileDialog::getExistingDirectory(this, m_title, text().isEmpty() ? start : text()); break;
    case Kind::SaveFile:
        path = QFileDialog::getSaveFileName(this, m_title, start, m_filter, nullptr, QFileDialog::DontConfirmOverwrite);
        break;
    }
    if (path.isEmpty()) return;
    emit browsed(path);
    if (m_edit->isReadOnly()) return;  // the owner decides what the field shows
    m_edit->setText(path);             // emits textChanged
    m_edit->setCursorPosition(int(path.size()));
}

}  // namespace gcpo::ui
