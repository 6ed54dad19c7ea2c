#pragma once

#include "backend/ExecSession.h"
#include "util/Result.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace hangar {

// An interactive shell in a sandbox that several clients share: a browser's event stream, a
// WebSocket, a terminal tab. Wraps one TTY exec session and keeps a bounded scrollback, so a
// client that joins late first sees the recent screen.
//
// When the connection to the shell drops (the provider keeps the session running: Sprites),
// the session reconnects to the same shell by itself, with a growing pause between attempts;
// clients keep their TerminalSession and only see reconnecting()/reconnected(). The output the
// provider replays on re-attaching is matched against what clients already have, so the
// screen does not show it twice.
class TerminalSession : public QObject {
    Q_OBJECT
public:
    static constexpr qint64 kScrollbackBytes = 256 * 1024;

    // Re-attaches to the same shell after a dropped connection: a new ExecSession, or an error
    // (NotFound: the shell is gone).
    using Reattach = std::function<Task<ExecSession*>(const QString& execId)>;

    static constexpr int kMaxReconnectAttempts = 5;
    static constexpr int kFirstReconnectDelayMs = 250;
    // How long re-attached output is held while looking for where it overlaps what was shown.
    static constexpr int kReplayWindowMs = 1000;

    TerminalSession(QString sandboxId, QString key, ExecSession* exec, QObject* parent = nullptr);

    // Without one, a dropped connection ends the session (failed()).
    void setReattach(Reattach reattach) { m_reattach = std::move(reattach); }
    // The provider's id of the shell (empty until it started).
    QString execId() const;
    bool isReconnecting() const { return m_reconnecting; }

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
    // The connection dropped; attempt `attempt` of kMaxReconnectAttempts follows.
    void reconnecting(int attempt, const hangar::Error& error);
    void reconnected();

private:
    void adopt(ExecSession* exec);
    void onOutput(const QByteArray& data);
    void onExecFailed(const Error& error);
    void reconnect(const Error& cause);
    // Re-attached output: held until it lines up with what clients have seen.
    void onReplay(const QByteArray& data);
    void flushReplay();
    static bool isConnectionLoss(const Error& error);

    QString m_sandboxId;
    QString m_key;
    QPointer<ExecSession> m_exec;
    QByteArray m_scrollback;
    bool m_running = true;
    QString m_execId;
    int m_cols = 0; // the size clients asked for last (0: none yet)
    int m_rows = 0;
    Reattach m_reattach;
    bool m_reconnecting = false;
    int m_attempts = 0;
    // Matching a replay: the end of what was shown before the drop, and what arrived since.
    bool m_matchingReplay = false;
    QByteArray m_shownTail;
    QByteArray m_replay;
    QTimer m_replayWindow;
};

} // namespace hangar
