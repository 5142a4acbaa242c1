// PathEdit: a line edit for a file or folder path with a Browse button that opens the matching
// file dialog. The config panel uses it for every path setting (SFT config, checkpoint, data sets).
#pragma once

#include <QString>
#include <QWidget>

class QLineEdit;
class QToolButton;

namespace gcpo::ui {

class PathEdit : public QWidget {
    Q_OBJECT
public:
    enum class Kind { OpenFile, Folder, SaveFile };

    // filter: a QFileDialog name filter such as "JSON files (*.json)" (files only).
    PathEdit(Kind kind, const QString& dialogTitle, const QString& filter = QString(), QWidget* parent = nullptr);

    QString text() const;
    void setText(const QString& path);  // emits no textChanged
    void setPlaceholderText(const QString& text);
    QLineEdit* lineEdit() const { return m_edit; }
    QToolButton* browseButton() const { return m_browse; }

signals:
    void textChanged(const QString& path);
    // A path chosen in the dialog (before textChanged; the only signal when the edit is read-only).
    void browsed(const QString& path);

private:
    void browse();

    Kind m_kind;
    QString m_title;
    QString m_filter;
    QLineEdit* m_edit = nullptr;
    QToolButton* m_browse = nullptr;
};

}  // namespace gcpo::ui
