// RunLauncher: gcpo-train as a QProcess child, its progress lines parsed, graceful stop.
#include "run_launcher.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QTimer>

#include "util/run_protocol.h"

namespace gcpo::ui {

namespace {
constexpr int kMaxBufferedBytes = 1 << 20;  // a line longer than this is passed on as it is
constexpr int kErrorTailLines = 12;

// Every launcher of this process, so that a child learns how many runs share the machine.
QList<const RunLauncher*>& allLaunchers() {
    static QList<const RunLauncher*> list;
    return list;
}
}  // namespace

bool parseProgressLine(const QByteArray& line, TrainProgress* out) {
    gcpo::RunProgress r;
    if (!gcpo::parseProgressLine(line.toStdString(), &r)) return false;
    TrainProgress p;
    p.phase = QString::fromLatin1(gcpo::toString(r.phase));
    p.runId = r.runId > 0 ? r.runId : -1;  // run ids start at 1; 0 or absent: no run yet (SFT warm-up)
    p.step = r.step;
    p.total = r.totalSteps;
    p.elapsedSeconds = r.elapsedSeconds;
    p.etaSeconds = r.etaSeconds;
    p.metrics = QJsonDocument::fromJson(QByteArray::fromStdString(r.metrics.dump())).object().toVariantMap();
    p.message = QString::fromStdString(r.message);
    *out = p;
    return true;
}

RunLauncher::RunLauncher(QObject* parent) : QObject(parent) {
    qRegisterMetaType<gcpo::ui::TrainProgress>();
    m_killTimer = new QTimer(this);
    m_killTimer->setSingleShot(true);
    connect(m_killTimer, &QTimer::timeout, this, &RunLauncher::kill);
    allLaunchers().append(this);
}

RunLauncher::~RunLauncher() {
    allLaunchers().removeAll(this);
    // Never leave a trainer running without its window: ask it to stop and give it a moment to
    // checkpoint; a run still going after that is killed and shows as crashed (resumable).
    if (isRunning()) {
        m_process->disconnect(this);
        m_process->terminate();
        if (!m_process->waitForFinished(10000)) {
            m_process->kill();
            m_process->waitForFinished(2000);
        }
    }
}

QString RunLauncher::trainerPath() {
    const QString env = qEnvironmentVariable("GCPO_TRAIN");
    if (!env.isEmpty()) return QFileInfo(env).isExecutable() ? QFileInfo(env).absoluteFilePath() : QString();
    const QDir appDir(QCoreApplication::applicationDirPath());
    for (const QString& rel : {QStringLiteral("gcpo-train"), QStringLiteral("../app/gcpo-train"),
                               QStringLiteral("../../app/gcpo-train"), QStringLiteral("../bin/gcpo-train")}) {
        const QFileInfo fi(appDir.filePath(rel));
        if (fi.isFile() && fi.isExecutable()) return fi.canonicalFilePath();
    }
    return QStandardPaths::findExecutable(QStringLiteral("gcpo-train"));
}

bool RunLauncher::isRunning() const { return m_process && m_process->state() != QProcess::NotRunning; }

bool RunLauncher::startRun(const QString& database, const QByteArray& configJson, const QStringList& extraArgs) {
    if (isRunning()) {
        emit failed(tr("A training process is already running."));
        return false;
    }
    auto file = std::make_unique<QTemporaryFile>(QDir::temp().filePath(QStringLiteral("gcpo-run-XXXXXX.json")));
    if (!file->open() || file->write(configJson) != configJson.size() || !file->flush()) {
        emit failed(tr("Could not write the run configuration to a temporary file."));
        return false;
    }
    m_configFile = std::move(file);
    QStringList args{QStringLiteral("run"),
                     QStringLiteral("--config"),
                     m_configFile->fileName(),
                     QStringLiteral("--db"),
                     database,
                     QStringLiteral("--progress-json")};
    args += extraArgs;
    return launch(Kind::Run, database, args);
}

bool RunLauncher::startResume(const QString& database, qint64 runId) {
    return launch(Kind::Resume, database,
                  {QStringLiteral("resume"), QStringLiteral("--db"), database, QStringLiteral("--run"), QString::number(runId),
                   QStringLiteral("--progress-json")});
}

bool RunLauncher::startDemo(const QString& database, int steps) {
    QStringList args{QStringLiteral("demo"), QStringLiteral("--db"), database, QStringLiteral("--progress-json")};
    if (steps > 0) args << QStringLiteral("--steps") << QString::number(steps);
    return launch(Kind::Demo, database, args);
}

bool RunLauncher::launch(Kind kind, const QString& database, const QStringList& args) {
    if (isRunning()) {
        emit failed(tr("A training process is already running."));
        return false;
    }
    const QString program = trainerPath();
    if (program.isEmpty()) {
        emit failed(tr("gcpo-train was not found next to the workbench or on PATH (set GCPO_TRAIN to its path)."));
        return false;
    }
    if (m_process) m_process->deleteLater();
    m_process = new QProcess(this);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &RunLauncher::readStdout);
    connect(m_process, &QProcess::readyReadStandardError, this, &RunLauncher::readStderr);
    connect(m_process, &QProcess::finished, this, &RunLauncher::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &RunLauncher::onError);
    m_kind = kind;
    m_database = database;
    m_args = args;
    m_runId = -1;
    m_last = TrainProgress{};
    m_stdoutBuffer.clear();
    m_stderrBuffer.clear();
    m_lastError.clear();
    m_stopRequested = false;
    // The child chooses its thread count from the CPUs free and the runs sharing them (this one
    // included), and its OpenMP threads sleep instead of spinning while they wait.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    qsizetype running = 1;
    for (const RunLauncher* other : allLaunchers())
        if (other != this && other->isRunning()) ++running;
    env.insert(QStringLiteral("GCPO_CONCURRENT_RUNS"), QString::number(running));
    if (!env.contains(QStringLiteral("OMP_WAIT_POLICY")))
        env.insert(QStringLiteral("OMP_WAIT_POLICY"), QStringLiteral("PASSIVE"));
    m_process->setProcessEnvironment(env);
    m_process->start(program, args);
    if (!m_process->waitForStarted(10000)) {
        const QString why = m_process->errorString();
        m_kind = Kind::None;
        emit failed(tr("Could not start %1: %2").arg(program, why));
        return false;
    }
    emit logLine(QStringLiteral("$ %1 %2").arg(QFileInfo(program).fileName(), args.join(QLatin1Char(' '))), false);
    emit started(kind, database);
    return true;
}

void RunLauncher::stop(int killAfterMs) {
    if (!isRunning()) return;
    m_stopRequested = true;
    m_process->terminate();  // SIGTERM: finish the step, checkpoint, mark interrupted, exit 130
    emit logLine(tr("Stop requested: the trainer finishes its current step and checkpoints."), false);
    if (killAfterMs >= 0) m_killTimer->start(killAfterMs);
}

void RunLauncher::kill() {
    if (!isRunning()) return;
    emit logLine(tr("The trainer did not stop in time; killing it."), true);
    m_process->kill();
}

void RunLauncher::readStdout() {
    m_stdoutBuffer += m_process->readAllStandardOutput();
    int nl;
    while ((nl = m_stdoutBuffer.indexOf('\n')) >= 0 || m_stdoutBuffer.size() > kMaxBufferedBytes) {
        const int cut = nl >= 0 ? nl : m_stdoutBuffer.size();
        const QByteArray line = m_stdoutBuffer.left(cut);
        m_stdoutBuffer.remove(0, nl >= 0 ? cut + 1 : cut);
        if (line.trimmed().isEmpty()) continue;
        TrainProgress p;
        if (!parseProgressLine(line, &p)) {
            emit logLine(QString::fromUtf8(line), false);
            continue;
        }
        if (p.runId >= 0 && p.runId != m_runId) {
            m_runId = p.runId;
            emit runCreated(m_runId);
        }
        if (p.phase == QLatin1String("failed") && !p.message.isEmpty()) m_lastError = p.message;
        m_last = p;
        emit progress(p);
    }
}

void RunLauncher::readStderr() {
    m_stderrBuffer += m_process->readAllStandardError();
    int nl;
    while ((nl = m_stderrBuffer.indexOf('\n')) >= 0 || m_stderrBuffer.size() > kMaxBufferedBytes) {
        const int cut = nl >= 0 ? nl : m_stderrBuffer.size();
        const QString line = QString::fromUtf8(m_stderrBuffer.left(cut)).trimmed();
        m_stderrBuffer.remove(0, nl >= 0 ? cut + 1 : cut);
        if (line.isEmpty()) continue;
        QStringList tail = m_lastError.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        tail << line;
        while (tail.size() > kErrorTailLines) tail.removeFirst();
        m_lastError = tail.join(QLatin1Char('\n'));
        emit logLine(line, true);
    }
}

void RunLauncher::onFinished(int exitCode, QProcess::ExitStatus status) {
    m_killTimer->stop();
    readStdout();
    readStderr();
    const bool crashed = status == QProcess::CrashExit;
    QString summary;
    if (crashed)
        summary = m_stopRequested
                      ? tr("The trainer was killed; the run shows as crashed and can be resumed from its last checkpoint.")
                      : tr("The trainer crashed; the run shows as crashed and can be resumed from its last checkpoint.");
    else if (exitCode == gcpo::toInt(gcpo::ExitCode::Ok)) summary = tr("Training finished.");
    else if (exitCode == gcpo::toInt(gcpo::ExitCode::Interrupted))
        summary = tr("Training stopped: the run is marked interrupted and can be resumed.");
    else if (exitCode == gcpo::toInt(gcpo::ExitCode::BadInput))
        summary = tr("The trainer refused the configuration:\n%1").arg(m_lastError);
    else summary = tr("Training failed (exit code %1):\n%2").arg(exitCode).arg(m_lastError);
    emit logLine(summary, exitCode != 0 || crashed);
    m_kind = Kind::None;
    m_configFile.reset();
    emit finished(crashed ? -1 : exitCode, crashed, summary);
}

void RunLauncher::onError(QProcess::ProcessError error) {
    if (error == QProcess::FailedToStart) return;  // reported by launch()
    if (error == QProcess::Crashed) return;        // reported by onFinished()
    emit logLine(tr("Trainer process error: %1").arg(m_process->errorString()), true);
}

}  // namespace gcpo::ui
