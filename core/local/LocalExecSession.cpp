#include "LocalExecSession.h"

#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSocketNotifier>
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <linux/close_range.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace hangar::local {

namespace {

constexpr qint64 MaxReadPerWake = 1024 * 1024; // then back to the event loop
constexpr qint64 ReadAll = -1;                 // what is left at the exit

// Between fork and exec: no descriptor the host process happened to inherit or open without
// close-on-exec reaches the sandbox, except `keep` (bwrap's info pipe).
void closeInheritedFds(int keep) {
    const unsigned first = 3;
    const unsigned last = ~0U;
    bool ok = true;
    if (keep >= int(first)) {
        if (keep > int(first))
            ok = ::close_range(first, unsigned(keep) - 1, CLOSE_RANGE_CLOEXEC) == 0;
        ok = ok && ::close_range(unsigned(keep) + 1, last, CLOSE_RANGE_CLOEXEC) == 0;
    } else {
        ok = ::close_range(first, last, CLOSE_RANGE_CLOEXEC) == 0;
    }
    if (ok)
        return;
    for (int fd = int(first); fd < 4096; ++fd) { // old kernels: the slow way
        if (fd != keep)
            ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
}

} // namespace

LocalExecSession::LocalExecSession(Config config, QObject* parent)
    : ExecSession(parent)
    , m_config(std::move(config))
    , m_startedAt(QDateTime::currentDateTimeUtc())
    , m_lastActivityAt(m_startedAt) {
}

LocalExecSession::~LocalExecSession() {
    if (m_process) {
        // No signals into a half-destroyed object; the process must not outlive us.
        disconnect(m_process, nullptr, this, nullptr);
        if (m_process->state() != QProcess::NotRunning) {
            readInfo(true);
            signalGroup(SIGKILL);
            m_process->waitForFinished(1000);
        }
        delete m_process;
    }
    readInfo(true);
    killNamespace();
    if (m_infoFd >= 0)
        ::close(m_infoFd);
    if (m_pidFd >= 0)
        ::close(m_pidFd);
    closePipes();
}

void LocalExecSession::start(const LaunchSpec& spec) {
    QTimer::singleShot(0, this, [this, spec] { launch(spec); });
}

void LocalExecSession::failLater(const Error& error) {
    QTimer::singleShot(0, this, [this, error] { fail(error); });
}

void LocalExecSession::fail(const Error& error) {
    if (m_state == State::Finished)
        return;
    closePipes();
    m_state = State::Finished;
    emit failed(error);
    emit finished();
}

SessionInfo LocalExecSession::info() const {
    SessionInfo info;
    info.id = m_config.id;
    info.command = m_config.request.argv;
    info.tty = m_config.request.tty;
    info.running = m_state != State::Finished;
    info.startedAt = m_startedAt;
    info.lastActivityAt = m_lastActivityAt;
    info.exitCode = m_exitCode;
    return info;
}

void LocalExecSession::launch(const LaunchSpec& spec) {
    if (m_state != State::Pending)
        return;
    if (m_cancelled) {
        fail(makeError(ErrorCode::Cancelled, QStringLiteral("the command was cancelled")));
        return;
    }
    const ExecRequest& request = m_config.request;
    m_process = new QProcess(this);
    m_process->setProgram(spec.program);
    QStringList arguments = spec.arguments;
    int infoWrite = -1;
    int outputWrite[2] = {-1, -1}; // the write ends of the output pipes (non-TTY)
    if (spec.bubblewrap) {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) {
            fail(makeError(ErrorCode::Unavailable, QStringLiteral("cannot create a pipe")));
            return;
        }
        m_infoFd = fds[0];
        infoWrite = fds[1];
        ::fcntl(m_infoFd, F_SETFL, O_NONBLOCK);
        arguments.prepend(QString::number(infoWrite));
        arguments.prepend(QStringLiteral("--info-fd"));
    }
    m_process->setArguments(arguments);
    m_process->setWorkingDirectory(spec.hostCwd);
    m_process->setProcessEnvironment(spec.environment);
    if (request.tty) {
        if (auto opened = m_pty.open(request.cols, request.rows); !opened) {
            fail(opened.error());
            return;
        }
        // No pipes: the child's stdio is the pty slave, set up between fork and exec.
        m_process->setProcessChannelMode(QProcess::ForwardedChannels);
        m_process->setInputChannelMode(QProcess::ForwardedInputChannel);
        const int slave = m_pty.slaveFd();
        m_process->setChildProcessModifier([slave, infoWrite] {
            Pty::setupChild(slave);
            closeInheritedFds(infoWrite);
            if (infoWrite >= 0)
                ::fcntl(infoWrite, F_SETFD, 0); // bwrap inherits it; nothing else does
        });
    } else {
        int out[2] = {-1, -1};
        int err[2] = {-1, -1};
        if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
            for (int fd : {out[0], out[1], err[0], err[1]}) {
                if (fd >= 0)
                    ::close(fd);
            }
            if (infoWrite >= 0)
                ::close(infoWrite);
            fail(makeError(ErrorCode::Unavailable, QStringLiteral("cannot create a pipe")));
            return;
        }
        m_pipes[0].fd = out[0];
        m_pipes[1].fd = err[0];
        outputWrite[0] = out[1];
        outputWrite[1] = err[1];
        // stdout and stderr are our pipes, set up between fork and exec; stdin stays QProcess's.
        m_process->setProcessChannelMode(QProcess::ForwardedChannels);
        // Its own process group, so terminate() reaches every process it started.
        m_process->setChildProcessModifier([infoWrite, out = out[1], err = err[1]] {
            ::setsid();
            ::dup2(out, STDOUT_FILENO);
            ::dup2(err, STDERR_FILENO);
            closeInheritedFds(infoWrite);
            if (infoWrite >= 0)
                ::fcntl(infoWrite, F_SETFD, 0);
        });
    }
    connect(m_process, &QProcess::started, this, &LocalExecSession::onStarted);
    connect(m_process, &QProcess::errorOccurred, this, &LocalExecSession::onProcessError);
    connect(m_process, &QProcess::finished, this,
            [this](int code, QProcess::ExitStatus status) { onProcessFinished(code, status); });

    m_process->start();
    for (int i = 0; i < 2; ++i) {
        if (outputWrite[i] < 0)
            continue;
        ::close(outputWrite[i]); // the child has its copy; EOF means every writer is gone
        OutputPipe& pipe = m_pipes[i];
        ::fcntl(pipe.fd, F_SETFL, O_NONBLOCK);
        pipe.notifier = new QSocketNotifier(pipe.fd, QSocketNotifier::Read, this);
        pipe.notifier->setEnabled(!m_outputPaused);
        connect(pipe.notifier, &QSocketNotifier::activated, this,
                [this, &pipe] { readPipe(pipe, MaxReadPerWake); });
    }
    if (infoWrite >= 0) {
        ::close(infoWrite);
        m_infoNotifier = new QSocketNotifier(m_infoFd, QSocketNotifier::Read, this);
        connect(m_infoNotifier, &QSocketNotifier::activated, this, [this] { readInfo(false); });
    }
    if (request.tty) {
        m_pty.closeSlave(); // the child has its copy; EIO on the master means it is gone
        m_readNotifier = new QSocketNotifier(m_pty.masterFd(), QSocketNotifier::Read, this);
        m_readNotifier->setEnabled(!m_outputPaused);
        connect(m_readNotifier, &QSocketNotifier::activated, this, &LocalExecSession::readMaster);
        m_writeNotifier = new QSocketNotifier(m_pty.masterFd(), QSocketNotifier::Write, this);
        m_writeNotifier->setEnabled(false);
        connect(m_writeNotifier, &QSocketNotifier::activated, this, &LocalExecSession::flushInput);
    }
}

void LocalExecSession::onStarted() {
    m_state = State::Running;
    m_startedAt = QDateTime::currentDateTimeUtc();
    if (m_config.request.timeoutMs > 0) {
        m_timeoutTimer = new QTimer(this);
        m_timeoutTimer->setSingleShot(true);
        connect(m_timeoutTimer, &QTimer::timeout, this, [this] {
            m_timedOut = true;
            deliver(SIGKILL);
        });
        m_timeoutTimer->start(int(qMin<qint64>(m_config.request.timeoutMs, INT_MAX)));
    }
    emit started();
    if (m_cancelled) {
        terminate();
        return;
    }
    if (!m_earlyInput.isEmpty())
        write(std::exchange(m_earlyInput, {}));
    if (m_closeAfterStart)
        closeStdin();
}

void LocalExecSession::onProcessError() {
    if (m_process->error() != QProcess::FailedToStart || m_state == State::Finished)
        return; // other errors are followed by finished()
    fail(makeError(ErrorCode::Unavailable,
                   QStringLiteral("cannot start %1: %2")
                       .arg(m_config.request.argv.value(0), m_process->errorString())));
}

void LocalExecSession::onProcessFinished(int exitCode, int exitStatus) {
    if (m_state == State::Finished)
        return;
    m_processExitCode = exitCode;
    m_processExitStatus = exitStatus;
    // bwrap has exited; its pid 1 (and with it the namespace) must be gone before we report.
    readInfo(true);
    killNamespace();
    if (m_pidFd >= 0 && !m_pidNotifier) {
        m_pidNotifier = new QSocketNotifier(m_pidFd, QSocketNotifier::Read, this);
        connect(m_pidNotifier, &QSocketNotifier::activated, this, &LocalExecSession::completeExit);
        return;
    }
    completeExit();
}

void LocalExecSession::completeExit() {
    if (m_state == State::Finished)
        return;
    if (m_pidNotifier)
        m_pidNotifier->setEnabled(false);
    // Whatever is still buffered belongs before exited(); a paused reader gets it first.
    bool drained = !m_outputPaused;
    if (drained && m_config.request.tty) {
        readMaster();
        drained = !m_outputPaused;
    } else if (drained) {
        drained = readPipe(m_pipes[0], ReadAll) && readPipe(m_pipes[1], ReadAll);
    }
    if (!drained) {
        m_exitWaiting = true; // setOutputPaused(false) comes back here
        return;
    }
    closePipes();
    if (m_timeoutTimer)
        m_timeoutTimer->stop();
    if (m_killTimer)
        m_killTimer->stop();
    int code = m_processExitCode;
    if (m_processExitStatus == QProcess::CrashExit)
        code = m_lastSignal ? 128 + m_lastSignal : -1;
    m_exitCode = code;
    m_state = State::Finished;
    delete m_readNotifier;
    m_readNotifier = nullptr;
    delete m_writeNotifier;
    m_writeNotifier = nullptr;
    m_pty.closeMaster();
    emit exited(code, m_timedOut);
    emit finished();
}

void LocalExecSession::readInfo(bool drain) {
    if (m_infoFd < 0)
        return;
    char buffer[512];
    bool eof = false;
    for (;;) {
        const ssize_t n = ::read(m_infoFd, buffer, sizeof buffer);
        if (n > 0) {
            m_info.append(buffer, n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        eof = n == 0 || errno != EAGAIN;
        break;
    }
    // {"child-pid": N, ...}: bwrap writes it right after clone(), before the child may run.
    const QJsonDocument info = QJsonDocument::fromJson(m_info);
    if (!info.isObject() && !eof && !drain)
        return;
    const int pid = info.object().value(QLatin1String("child-pid")).toInt();
    if (pid > 0 && m_pidFd < 0)
        m_pidFd = int(::syscall(SYS_pidfd_open, pid, 0)); // glibc 2.36's header lacks C linkage
    if (pid > 0)
        m_namespacePid = pid;
    delete m_infoNotifier;
    m_infoNotifier = nullptr;
    ::close(m_infoFd);
    m_infoFd = -1;
    if (const int pending = std::exchange(m_pendingSignal, 0))
        deliver(pending);
}

void LocalExecSession::killNamespace() {
    if (m_pidFd >= 0)
        ::syscall(SYS_pidfd_send_signal, m_pidFd, SIGKILL, nullptr, 0);
}

bool LocalExecSession::readPipe(OutputPipe& pipe, qint64 limit) {
    char buffer[65536];
    qint64 taken = 0;
    while (pipe.fd >= 0 && (limit == ReadAll || taken < limit)) {
        if (m_outputPaused)
            return false;
        const ssize_t n = ::read(pipe.fd, buffer, sizeof buffer);
        if (n > 0) {
            taken += n;
            record(QByteArray(buffer, n), pipe.stream);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            break;
        delete pipe.notifier; // end of file: every writer is gone
        pipe.notifier = nullptr;
        ::close(pipe.fd);
        pipe.fd = -1;
    }
    return true;
}

void LocalExecSession::closePipes() {
    for (OutputPipe& pipe : m_pipes) {
        delete pipe.notifier;
        pipe.notifier = nullptr;
        if (pipe.fd >= 0)
            ::close(pipe.fd);
        pipe.fd = -1;
    }
}

void LocalExecSession::setOutputPaused(bool paused) {
    if (m_outputPaused == paused)
        return;
    m_outputPaused = paused;
    for (OutputPipe& pipe : m_pipes) {
        if (pipe.notifier)
            pipe.notifier->setEnabled(!paused);
    }
    if (m_readNotifier)
        m_readNotifier->setEnabled(!paused);
    // Not from here: the caller may be inside an output() handler.
    if (!paused && std::exchange(m_exitWaiting, false))
        QTimer::singleShot(0, this, &LocalExecSession::completeExit);
}

void LocalExecSession::readMaster() {
    if (m_pty.masterFd() < 0)
        return;
    char buffer[16384];
    while (!m_outputPaused) {
        const ssize_t n = ::read(m_pty.masterFd(), buffer, sizeof buffer);
        if (n > 0) {
            record(QByteArray(buffer, n), Stream::Stdout);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0 || errno != EAGAIN) {
            // EIO: every holder of the slave is gone; the process's finished() follows.
            if (m_readNotifier)
                m_readNotifier->setEnabled(false);
        }
        return;
    }
}

void LocalExecSession::record(const QByteArray& data, Stream stream) {
    if (data.isEmpty())
        return;
    m_scrollback.append(data);
    if (m_scrollback.size() > m_config.scrollbackBytes)
        m_scrollback.remove(0, m_scrollback.size() - m_config.scrollbackBytes);
    m_lastActivityAt = QDateTime::currentDateTimeUtc();
    emit output(data, stream);
    emit activity();
}

void LocalExecSession::write(const QByteArray& data) {
    if (m_state == State::Pending && !m_closeAfterStart)
        m_earlyInput.append(data); // delivered once it runs
    if (m_state != State::Running || data.isEmpty())
        return;
    m_lastActivityAt = QDateTime::currentDateTimeUtc();
    emit activity();
    if (!m_config.request.tty) {
        m_process->write(data);
        return;
    }
    m_pendingInput.append(data);
    flushInput();
}

void LocalExecSession::flushInput() {
    while (!m_pendingInput.isEmpty() && m_pty.masterFd() >= 0) {
        const ssize_t n =
            ::write(m_pty.masterFd(), m_pendingInput.constData(), size_t(m_pendingInput.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            if (errno != EAGAIN)
                m_pendingInput.clear();
            break;
        }
        m_pendingInput.remove(0, n);
    }
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(!m_pendingInput.isEmpty());
}

void LocalExecSession::closeStdin() {
    if (m_state == State::Pending)
        m_closeAfterStart = true;
    if (m_state != State::Running)
        return;
    if (m_config.request.tty)
        write(QByteArrayLiteral("\x04")); // a terminal's EOF is ^D
    else
        m_process->closeWriteChannel();
}

void LocalExecSession::resize(int cols, int rows) {
    m_config.request.cols = cols; // used if it has not started yet
    m_config.request.rows = rows;
    if (m_config.request.tty)
        m_pty.resize(cols, rows); // the kernel sends SIGWINCH to the foreground group
}

void LocalExecSession::terminate() {
    if (m_state == State::Finished)
        return;
    if (m_state == State::Pending) {
        m_cancelled = true; // launch() or onStarted() finishes the job
        return;
    }
    deliver(SIGTERM);
    if (!m_killTimer) {
        m_killTimer = new QTimer(this);
        m_killTimer->setSingleShot(true);
        connect(m_killTimer, &QTimer::timeout, this, [this] { deliver(SIGKILL); });
    }
    m_killTimer->start(qMax(0, m_config.killGraceMs));
}

std::optional<qint64> LocalExecSession::pid() const {
    if (m_state != State::Running || !m_process || m_process->state() == QProcess::NotRunning)
        return std::nullopt;
    return m_process->processId();
}

int LocalExecSession::signalNumber(const QString& name) {
    static const QHash<QString, int> numbers{
        {QStringLiteral("TERM"), SIGTERM}, {QStringLiteral("KILL"), SIGKILL},
        {QStringLiteral("INT"), SIGINT},   {QStringLiteral("HUP"), SIGHUP},
        {QStringLiteral("QUIT"), SIGQUIT}, {QStringLiteral("USR1"), SIGUSR1},
        {QStringLiteral("USR2"), SIGUSR2}};
    QString bare = name.toUpper();
    if (bare.startsWith(QLatin1String("SIG")))
        bare = bare.mid(3);
    return numbers.value(bare, 0);
}

void LocalExecSession::sendSignal(const QString& name) {
    if (const int number = signalNumber(name))
        sendSignalNumber(number);
}

void LocalExecSession::sendSignalNumber(int signal) {
    if (m_state != State::Running)
        return;
    if (m_namespacePid <= 0 || signal == SIGKILL) {
        deliver(signal);
        return;
    }
    // Under bubblewrap the group is bwrap's, which would just die; the command is a child of
    // the namespace's pid 1 (bwrap's init): signal those children and their groups.
    QFile children(QStringLiteral("/proc/%1/task/%1/children").arg(m_namespacePid));
    if (!children.open(QIODevice::ReadOnly)) {
        deliver(signal);
        return;
    }
    for (const QByteArray& word : children.readAll().simplified().split(' ')) {
        const pid_t child = pid_t(word.toInt());
        if (child > 0 && ::kill(-child, signal) != 0)
            ::kill(child, signal);
    }
}

void LocalExecSession::deliver(int signal) {
    if (m_infoFd >= 0) {
        if (m_pendingSignal != SIGKILL)
            m_pendingSignal = signal;
        return;
    }
    signalGroup(signal);
    if (signal == SIGKILL)
        killNamespace();
}

void LocalExecSession::signalGroup(int signal) {
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    const pid_t pid = pid_t(m_process->processId());
    if (pid <= 0)
        return;
    m_lastSignal = signal;
    if (::kill(-pid, signal) != 0)
        ::kill(pid, signal);
}

} // namespace hangar::local
