#pragma once

#include "SpritesExecSession.h"

#include <QPointer>
#include <QTimer>

namespace hangar::sprites {

class SpritesClient;

// An ExecSession of SpritesBackend: a SpritesExecSession plus what the Backend contract adds
// on top of the wire protocol — a time limit (ExecRequest::timeoutMs: terminate, then report
// exited(code, true)), and a clear NotFound when the sprite does not exist (the refused
// WebSocket handshake itself carries no status, so a failure before the start asks the gateway).
class SpritesBackendSession : public ExecSession {
    Q_OBJECT
public:
    // Takes ownership of `inner`.
    SpritesBackendSession(const QString& sprite, SpritesExecSession* inner, qint64 timeoutMs,
                          SpritesClient* client, QObject* parent);
    // A session that fails with `error` on the next event-loop turn.
    SpritesBackendSession(const QString& sprite, const Error& error, QObject* parent);

    QString sprite() const { return m_sprite; }
    bool isDone() const { return m_done; }

    SessionInfo info() const override;
    QByteArray scrollback() const override;
    void write(const QByteArray& data) override;
    void closeStdin() override;
    void resize(int cols, int rows) override;
    void terminate() override;

private:
    void onStarted();
    void onExited(int code);
    void onFailed(const Error& error);
    void finishFailed(const Error& error);

    QString m_sprite;
    QPointer<SpritesExecSession> m_inner;
    QPointer<SpritesClient> m_client;
    QTimer m_timeout;
    bool m_started = false;
    bool m_done = false;
    bool m_timedOut = false;
    bool m_terminateOnStart = false;
};

} // namespace hangar::sprites
