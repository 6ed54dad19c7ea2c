#pragma once

#include "Pty.h"
#include "SandboxRunner.h"
#include "backend/ExecSession.h"

#include <QDateTime>
#include <QPointer>

#include <array>

class QProcess;
class QSocketNotifier;
class QTimer;

namespace hangar::local {

// One command in a local sandbox: a QProcess with pipes, or a QProcess whose stdio is a pty.
// The process is its own process group, so signalling the group reaches what it started.
// Under bubblewrap the command runs in its own pid namespace; bwrap reports the namespace's
// pid 1 through --info-fd and we hold a pidfd to it: SIGKILL to pid 1 ends the namespace at
// any stage (bwrap's --die-with-parent only takes effect once its setup is done), and pid 1
// exiting means every process of the session is gone. exited() waits for that.
class LocalExecSession : public ExecSession {
    Q_OBJECT
public:
    struct Config {
        QString id;
        QString sandbox;
        ExecRequest request;
        int killGraceMs = 2000;
        qint64 scrollbackBytes = 256 * 1024;
    };

    LocalExecSession(Config config, QObject* parent);
    ~LocalExecSession() override;

    // Starts the command on the next event-loop turn, so the caller can connect first.
    void start(const LaunchSpec& spec);
    // Reports an error that prevented the start, also on the next turn.
    void failLater(const Error& error);

    QString sandbox() const { return m_config.sandbox; }
    bool isFinished() const { return m_state == State::Finished; }

    SessionInfo info() const override;
    QByteArray scrollback() const override { return m_scrollback; }
    void write(const QByteArray& data) override;
    void closeStdin() override;
    void resize(int cols, int rows) override;
    void terminate() override;
    void setOutputPaused(bool paused) override;
    // The host pid of the command's process (bwrap's under bubblewrap), while it runs.
    std::optional<qint64> pid() const;
    // Sends `signal` to the command (a no-op unless it is running).
    void sendSignalNumber(int signal);
    // By name: TERM, KILL, INT, HUP, QUIT, USR1, USR2 (with or without SIG); others are ignored.
    void sendSignal(const QString& name) override;
    // The number of one of those names, 0 for any other.
    static int signalNumber(const QString& name);

signals:
    // Input or output happened (counts as use of the sandbox).
    void activity();
    // After the last public signal (exited or failed): the backend's bookkeeping hook.
    void finished();

private:
    enum class State { Pending, Running, Finished };

    void launch(const LaunchSpec& spec);
    void onStarted();
    void onProcessError();
    void onProcessFinished(int exitCode, int exitStatus);
    void readMaster();
    // Reads one of the output pipes (non-TTY) until it is empty, closed or output is paused,
    // at most `limit` bytes (the rest on the next activation, so a fast writer cannot hold
    // the event loop). False when it stopped because output was paused.
    struct OutputPipe;
    bool readPipe(OutputPipe& pipe, qint64 limit);
    void closePipes();
    void flushInput();
    void record(const QByteArray& data, Stream stream);
    void signalGroup(int signal);
    // Signals now, or once bwrap has told us its pid 1 (killing bwrap before that could
    // leave a half-set-up sandbox behind).
    void deliver(int signal);
    void readInfo(bool drain);
    void killNamespace();
    void completeExit();
    void fail(const Error& error);

    Config m_config;
    State m_state = State::Pending;
    bool m_cancelled = false;
    bool m_timedOut = false;
    int m_lastSignal = 0;
    std::optional<int> m_exitCode;
    QDateTime m_startedAt;
    QDateTime m_lastActivityAt;
    QByteArray m_scrollback;
    QByteArray m_pendingInput; // TTY input the pty did not take yet
    QByteArray m_earlyInput;   // written before the command started
    bool m_closeAfterStart = false;
    QProcess* m_process = nullptr;
    Pty m_pty;
    QSocketNotifier* m_readNotifier = nullptr;
    // Non-TTY stdout and stderr: our own pipes (QProcess's cannot pause reading).
    struct OutputPipe {
        explicit OutputPipe(Stream s)
            : stream(s) {}
        Stream stream;
        int fd = -1;
        QSocketNotifier* notifier = nullptr;
    };
    std::array<OutputPipe, 2> m_pipes{OutputPipe(Stream::Stdout), OutputPipe(Stream::Stderr)};
    bool m_outputPaused = false;
    bool m_exitWaiting = false; // the process ended while output was paused
    QSocketNotifier* m_writeNotifier = nullptr;
    QTimer* m_timeoutTimer = nullptr;
    QTimer* m_killTimer = nullptr;
    int m_infoFd = -1; // read end of bwrap's --info-fd
    QByteArray m_info;
    int m_pendingSignal = 0; // asked for before the info arrived
    int m_pidFd = -1;        // the sandbox's pid 1
    int m_namespacePid = 0;  // its host pid
    QSocketNotifier* m_infoNotifier = nullptr;
    QSocketNotifier* m_pidNotifier = nullptr;
    int m_processExitCode = 0;
    int m_processExitStatus = 0;
};

} // namespace hangar::local
