// The About dialog: versions of the workbench, Qt, QCustomPlot, the run database schema and
// LibTorch (asked of gcpo-train, since the workbench itself does not link LibTorch).
#pragma once

#include <QDialog>

class QLabel;
class QProcess;

namespace gcpo::ui {

class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);

    QString libTorchVersion() const { return m_torch; }  // "" until gcpo-train has answered
    QString text() const;

signals:
    void versionsKnown();

private:
    void onTrainerFinished();
    void updateText();

    QLabel* m_label = nullptr;
    QProcess* m_trainer = nullptr;
    QString m_torch;
    QString m_trainerInfo;
};

}  // namespace gcpo::ui
