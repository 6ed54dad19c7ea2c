#pragma once

#include "backend/ExecSession.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>

namespace hangar {

// An interactive shell in a sandbox that several clients share: a browser's event stream, a
// WebSocket, a terminal tab. Wraps one TTY exec session and keeps a bounded scrollback, so a
// client that joins late first sees the recent screen.
class TerminalSession : public QObject {
    Q_OBJECT
public:
    static constexpr qint64 kScrollbackBytes = 256 * 1024;

    TerminalSession(QString sandboxId, QString key, ExecSession* exec, QObject* parent = nullptr);

    QString sandboxId() const { return m_sandboxId; }
    QString key() const { return m_key; }
    bool isRunning() const { return m_running; }
    QByteArray scrollback() const { return m_scrollback; }

    void write(const QByteArray& input);
    void resize(int cols, int rows);
    void terminate();

signals:
    void output(const QByteArray& data);
    void exited(int exitCode);
    void failed(const hangar::Error& error);

private:
    void onOutput(const QByteArray& data);

    QString m_sandboxId;
    QString m_key;
    QPointer<ExecSession> m_exec;
    QByteArray m_scrollback;
    bool m_running = true;
};

} // namespace hangar
