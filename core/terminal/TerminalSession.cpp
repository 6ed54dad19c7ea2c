#include "TerminalSession.h"

#include "util/Async.h"

namespace hangar {

namespace {

// How much of the shown output identifies where a replay catches up with it.
constexpr qsizetype kTailBytes = 512;

} // namespace

TerminalSession::TerminalSession(QString sandboxId, QString key, ExecSession* exec, QObject* parent)
    : QObject(parent)
    , m_sandboxId(std::move(sandboxId))
    , m_key(std::move(key))
    , m_scrollback(exec->scrollback()) { // an attached session replays what it kept
    m_replayWindow.setSingleShot(true);
    m_replayWindow.setInterval(kReplayWindowMs);
    connect(&m_replayWindow, &QTimer::timeout, this, &TerminalSession::flushReplay);
    adopt(exec);
}

QString TerminalSession::execId() const {
    // Some providers name the session only after it started (Sprites: session_info).
    if (m_exec && !m_exec->id().isEmpty())
        return m_exec->id();
    return m_execId;
}

void TerminalSession::adopt(ExecSession* exec) {
    m_exec = exec;
    if (!exec->id().isEmpty())
        m_execId = exec->id();
    connect(exec, &ExecSession::started, this, [this, exec] {
        if (m_exec != exec)
            return;
        m_execId = exec->id();
        // A size asked for before the connection was up (or before a reconnect) applies now.
        if (m_cols > 0 && m_rows > 0)
            exec->resize(m_cols, m_rows);
        if (m_reconnecting) {
            m_reconnecting = false;
            m_attempts = 0;
            emit reconnected();
        }
    });
    connect(exec, &ExecSession::output, this,
            [this, exec](const QByteArray& data, ExecSession::Stream) {
                if (m_exec != exec)
                    return;
                if (m_matchingReplay)
                    return onReplay(data);
                onOutput(data);
            });
    connect(exec, &ExecSession::exited, this, [this, exec](int code, bool) {
        if (m_exec != exec || !m_running)
            return;
        flushReplay();
        m_running = false;
        emit exited(code);
    });
    connect(exec, &ExecSession::failed, this, [this, exec](const Error& error) {
        if (m_exec != exec)
            return;
        if (!exec->id().isEmpty())
            m_execId = exec->id();
        onExecFailed(error);
    });
    connect(exec, &QObject::destroyed, this, [this, exec] {
        if (m_exec != exec || !m_running || m_reconnecting)
            return;
        m_running = false;
        emit failed(makeError(ErrorCode::Cancelled, QStringLiteral("the terminal session ended")));
    });
}

bool TerminalSession::isConnectionLoss(const Error& error) {
    // What a broken socket or a silent server reports; a refused or cancelled command is not.
    return error.code == ErrorCode::Unavailable || error.code == ErrorCode::Timeout ||
           error.code == ErrorCode::Io;
}

void TerminalSession::onExecFailed(const Error& error) {
    if (!m_running)
        return;
    flushReplay();
    if (m_reattach && !execId().isEmpty() && isConnectionLoss(error) &&
        m_attempts < kMaxReconnectAttempts)
        return reconnect(error);
    m_running = false;
    m_reconnecting = false;
    emit failed(error);
}

void TerminalSession::reconnect(const Error& cause) {
    m_reconnecting = true;
    ++m_attempts;
    emit reconnecting(m_attempts, cause);
    const int delay = kFirstReconnectDelayMs << (m_attempts - 1);
    QTimer::singleShot(delay, this, [this, cause] {
        if (!m_running)
            return;
        whenReady(m_reattach(execId()), this, [this, cause](Result<ExecSession*> exec) {
            if (!m_running)
                return;
            if (!exec) {
                // Gone (it ended meanwhile) or still unreachable: say both what broke and why
                // coming back failed.
                const bool again =
                    exec.error().code != ErrorCode::NotFound && m_attempts < kMaxReconnectAttempts;
                if (again)
                    return reconnect(cause);
                m_running = false;
                m_reconnecting = false;
                emit failed(
                    makeError(cause.code, QStringLiteral("%1; reconnecting failed: %2")
                                              .arg(cause.describe(), exec.error().describe())));
                return;
            }
            m_shownTail = m_scrollback.right(kTailBytes);
            m_replay.clear();
            m_matchingReplay = !m_shownTail.isEmpty();
            if (m_matchingReplay)
                m_replayWindow.start();
            adopt(exec.value());
            // What the provider kept, when it hands it over up front rather than as output.
            if (const QByteArray kept = exec.value()->scrollback(); !kept.isEmpty())
                onReplay(kept);
            if (exec.value()->isRunning() && m_reconnecting) {
                m_reconnecting = false;
                m_attempts = 0;
                emit reconnected();
            }
        });
    });
}

void TerminalSession::onReplay(const QByteArray& data) {
    if (!m_matchingReplay)
        return onOutput(data);
    m_replay.append(data);
    const qsizetype at = m_replay.lastIndexOf(m_shownTail);
    if (at < 0) {
        // Much more than the provider keeps, and still no overlap: nothing will line up.
        if (m_replay.size() > 4 * kScrollbackBytes)
            flushReplay();
        return;
    }
    // Lined up: what follows the shown tail is new.
    const QByteArray fresh = m_replay.mid(at + m_shownTail.size());
    m_matchingReplay = false;
    m_replayWindow.stop();
    m_replay.clear();
    if (!fresh.isEmpty())
        onOutput(fresh);
}

void TerminalSession::flushReplay() {
    if (!m_matchingReplay)
        return;
    // No overlap found in time: showing something twice beats losing it.
    m_matchingReplay = false;
    m_replayWindow.stop();
    const QByteArray pending = std::exchange(m_replay, {});
    if (!pending.isEmpty())
        onOutput(pending);
}

void TerminalSession::onOutput(const QByteArray& data) {
    m_scrollback.append(data);
    if (m_scrollback.size() > kScrollbackBytes)
        m_scrollback.remove(0, m_scrollback.size() - kScrollbackBytes);
    emit output(data);
}

void TerminalSession::write(const QByteArray& input) {
    if (m_exec && m_running && !m_reconnecting)
        m_exec->write(input);
}

void TerminalSession::resize(int cols, int rows) {
    m_cols = cols;
    m_rows = rows;
    if (m_exec && m_running && !m_reconnecting)
        m_exec->resize(cols, rows);
}

void TerminalSession::terminate() {
    if (m_exec && m_running)
        m_exec->terminate();
}

} // namespace hangar
