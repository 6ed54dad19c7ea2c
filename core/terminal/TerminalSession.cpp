#include "TerminalSession.h"

namespace hangar {

TerminalSession::TerminalSession(QString sandboxId, QString key, ExecSession* exec, QObject* parent)
    : QObject(parent)
    , m_sandboxId(std::move(sandboxId))
    , m_key(std::move(key))
    , m_exec(exec)
    , m_scrollback(exec->scrollback()) { // an attached session replays what it kept
    connect(exec, &ExecSession::output, this,
            [this](const QByteArray& data, ExecSession::Stream) { onOutput(data); });
    connect(exec, &ExecSession::exited, this, [this](int code, bool) {
        m_running = false;
        emit exited(code);
    });
    connect(exec, &ExecSession::failed, this, [this](const Error& error) {
        m_running = false;
        emit failed(error);
    });
    connect(exec, &QObject::destroyed, this, [this] {
        if (!m_running)
            return;
        m_running = false;
        emit failed(makeError(ErrorCode::Cancelled, QStringLiteral("the terminal session ended")));
    });
}

void TerminalSession::onOutput(const QByteArray& data) {
    m_scrollback.append(data);
    if (m_scrollback.size() > kScrollbackBytes)
        m_scrollback.remove(0, m_scrollback.size() - kScrollbackBytes);
    emit output(data);
}

void TerminalSession::write(const QByteArray& input) {
    if (m_exec && m_running)
        m_exec->write(input);
}

void TerminalSession::resize(int cols, int rows) {
    if (m_exec && m_running)
        m_exec->resize(cols, rows);
}

void TerminalSession::terminate() {
    if (m_exec && m_running)
        m_exec->terminate();
}

} // namespace hangar
