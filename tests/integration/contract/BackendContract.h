#pragma once

#include "backend/Backend.h"

#include <QEventLoop>
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QTemporaryDir>
#include <QTimer>

#include <functional>
#include <memory>

namespace hangar::testing {

// Waits for a Task by spinning a local event loop (no sleeping); a Timeout error if it does
// not finish in time, Cancelled if it finished without a result.
template <typename T> Result<T> await(const Task<T>& task, int timeoutMs = 30000) {
    if (!task.isFinished()) {
        QEventLoop loop;
        QTimer timer;
        timer.setSingleShot(true);
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        QFutureWatcher<Result<T>> watcher;
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(task);
        timer.start(timeoutMs);
        if (!task.isFinished())
            loop.exec();
    }
    if (!task.isFinished())
        return makeError(ErrorCode::Timeout, QStringLiteral("task did not finish in time"));
    if (task.resultCount() == 0)
        return makeError(ErrorCode::Cancelled, QStringLiteral("task finished without a result"));
    return task.result();
}

// The value of a result, or a default-constructed one (with a warning) so a failing check
// reports a clean failure instead of throwing.
template <typename T> T valueOf(const Result<T>& result) {
    if (result.ok())
        return result.value();
    qWarning("unexpected error: %s", qPrintable(result.error().describe()));
    return T{};
}

// Records everything one session reports.
class SessionRecorder : public QObject {
public:
    explicit SessionRecorder(ExecSession* watched)
        : session(watched) {
        connect(watched, &ExecSession::started, this, [this] { started = true; });
        connect(watched, &ExecSession::output, this,
                [this](const QByteArray& data, ExecSession::Stream stream) {
                    (stream == ExecSession::Stream::Stdout ? out : err).append(data);
                });
        connect(watched, &ExecSession::exited, this, [this](int code, bool timeout) {
            exited = true;
            exitCode = code;
            timedOut = timeout;
        });
        connect(watched, &ExecSession::failed, this, [this](const Error& e) {
            failed = true;
            error = e;
        });
    }
    bool done() const { return exited || failed; }

    QPointer<ExecSession> session;
    QByteArray out;
    QByteArray err;
    bool started = false;
    bool exited = false;
    bool failed = false;
    bool timedOut = false;
    int exitCode = -1;
    Error error;
};

// The behaviour every Backend must have. Each test gets a fresh data directory and backend
// from the factory, so the suite runs unchanged against LocalBackend and SpritesBackend.
class BackendContract : public QObject {
    Q_OBJECT
public:
    using Factory = std::function<std::unique_ptr<Backend>(const QString& dataDir)>;
    struct Options {
        QString workingDir = QStringLiteral("/workspace");
        // The sandbox can reach a server the test listens on at 127.0.0.1 (network policy).
        bool hostLoopbackReachable = true;
        // Sandbox processes show up in this machine's /proc (no process is left behind).
        bool hostProcessesVisible = true;
        int timeoutMs = 20000;
        // What a path that leaves the sandbox's filesystem (or a cwd that does) reports:
        // OutsideRoot locally; the Sprites filesystem API has no such code and says EACCES
        // (PermissionDenied).
        ErrorCode outsideRootError = ErrorCode::OutsideRoot;
    };

    explicit BackendContract(Factory factory, QObject* parent = nullptr);
    BackendContract(Factory factory, Options options, QObject* parent = nullptr);

    // A process whose command line contains `marker` exists on this machine.
    static bool processExists(const QString& marker);

private slots:
    void init();
    void cleanup();

    void lifecycle();
    void missingSandbox();
    void execOutputAndExitCode();
    void execStdinEof();
    void execTimeout();
    void execTerminate();
    void execEnvAndCwd();
    void execRejectsBadRequests();
    void ttySession();
    void detachAndAttach();
    void hibernateStopsProcessesKeepsFiles();
    void fsReadWriteList();
    void fsStatMkdirRemoveRenameChmod();
    void fsHostileNames();
    void fsConfinement();
    void fsTransferRoundTrip();
    void fsTransferRefusals();
    void fsTransferCancel();
    void fsTransferLargeFileBoundedMemory();
    void checkpoints();
    void isolationBetweenSandboxes();
    void networkPolicy();

private:
    Backend* backend() const { return m_backend.get(); }
    void createSandbox(const QString& name);
    ExecResult run(const QString& name, const QStringList& argv, const QString& cwd = {});
    QString inside(const QString& relative) const;
    QString uniqueSleepArg() const;

    Factory m_factory;
    Options m_options;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Backend> m_backend;
    QString m_name;
};

} // namespace hangar::testing
