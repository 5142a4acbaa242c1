// Starts gcpo-train as a child process (run, resume or demo), reads its --progress-json lines and
// its log, and stops it gracefully. The window never shares a process with training: a crash of
// the trainer only ends the child, and the launcher reports how it ended.
#pragma once

#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <memory>

class QTemporaryFile;
class QTimer;

namespace gcpo::ui {

// One --progress-json line (the protocol of util/run_protocol.h) in Qt types.
struct TrainProgress {
    QString phase;      // sft, eval, step, done, interrupted, failed
    qint64 runId = -1;  // -1 while the trainer has not created the run yet (SFT warm-up)
    qint64 step = -1;
    qint64 total = 0;
    double elapsedSeconds = 0.0;
    double etaSeconds = -1.0;  // < 0: unknown
    QVariantMap metrics;
    QString message;
};

// Parses one stdout line with the core's protocol parser; returns false when it is not a progress
// object (e.g. a plain log line).
bool parseProgressLine(const QByteArray& line, TrainProgress* out);

class RunLauncher : public QObject {
    Q_OBJECT
public:
    enum class Kind { None, Run, Resume, Demo };
    Q_ENUM(Kind)

    explicit RunLauncher(QObject* parent = nullptr);
    ~RunLauncher() override;

    // The gcpo-train executable: $GCPO_TRAIN, else next to this program (or in ../app/ of a build
    // tree), else on PATH. Empty when none is found.
    static QString trainerPath();

    // Each returns false (and emits failed) when a child is already running or the trainer is missing.
    bool startRun(const QString& database, const QByteArray& configJson, const QStringList& extraArgs = {});
    bool startResume(const QString& database, qint64 runId);
    bool startDemo(const QString& database, int steps = 0);

    // Graceful stop: SIGTERM, so the trainer finishes its step, checkpoints and marks the run
    // interrupted. If it has not exited after killAfterMs, it is killed.
    void stop(int killAfterMs = 120000);
    void kill();

    bool isRunning() const;
    Kind kind() const { return m_kind; }
    QString database() const { return m_database; }
    qint64 currentRunId() const { return m_runId; }
    TrainProgress lastProgress() const { return m_last; }
    bool stopRequested() const { return m_stopRequested; }
    QStringList arguments() const { return m_args; }

signals:
    void started(gcpo::ui::RunLauncher::Kind kind, const QString& database);
    void progress(const gcpo::ui::TrainProgress& p);
    void runCreated(qint64 runId);
    void logLine(const QString& line, bool fromStderr);
    // The child ended: exit code (gcpo::ExitCode: 130 interrupted, 2 invalid config, 1 failure), whether it crashed
    // (killed by a signal) and a one-line summary for the user.
    void finished(int exitCode, bool crashed, const QString& summary);
    void failed(const QString& message);  // could not start

private:
    bool launch(Kind kind, const QString& database, const QStringList& args);
    void readStdout();
    void readStderr();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);

    QProcess* m_process = nullptr;
    QTimer* m_killTimer = nullptr;
    std::unique_ptr<QTemporaryFile> m_configFile;
    Kind m_kind = Kind::None;
    QString m_database;
    QStringList m_args;
    qint64 m_runId = -1;
    TrainProgress m_last;
    QByteArray m_stdoutBuffer;
    QByteArray m_stderrBuffer;
    QString m_lastError;
    bool m_stopRequested = false;
};

}  // namespace gcpo::ui

Q_DECLARE_METATYPE(gcpo::ui::TrainProgress)
