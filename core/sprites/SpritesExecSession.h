#pragma once

#include "SpritesHttp.h"
#include "SpritesTypes.h"
#include "backend/ExecSession.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QTimer>
#include <QWebSocket>

namespace hangar::sprites {

// An exec over a Sprites WebSocket (sprites-api.md §3): a new command or an attach to a
// session by id. Output is delivered as it arrives through output(); the session ends with
// exited() when the server reports the exit (binary [0x03, code], or {"type":"exit"} in TTY
// mode), or with failed() when the connection breaks first, a keepalive times out, or the
// server breaks the protocol — never with a made-up exit code.
class SpritesExecSession : public ExecSession {
    Q_OBJECT
public:
    // `request` carries the URL and the Authorization header; the socket opens on the next
    // event-loop turn so the caller can connect first.
    SpritesExecSession(QNetworkRequest request, const ExecOptions& options, bool attach,
                       const ClientOptions& client, QObject* parent);
    ~SpritesExecSession() override;

    SessionInfo info() const override;
    QByteArray scrollback() const override { return m_scrollback; }
    void write(const QByteArray& data) override;
    void closeStdin() override;
    void resize(int cols, int rows) override;
    // Sends {"type":"signal","signal":"TERM"}, and KILL if the command is still running after
    // a grace period (what ExecSession::terminate() promises).
    void terminate() override;
    void sendSignal(const QString& name) override;
    // Fails the session on the next turn without opening the socket (bad arguments).
    void failBeforeOpen(const Error& error);

signals:
    // A process of the command started (port_opened) or stopped (port_closed) listening on a
    // TCP port (§3.5).
    void portChanged(const hangar::sprites::PortEvent& event);
    // A JSON text message this class does not handle itself (keepalive, future types).
    void serverMessage(const QJsonObject& message);

private:
    void open();
    void onConnected();
    void onBinary(const QByteArray& message);
    void onText(const QString& message);
    void onDisconnected();
    void onSocketError();
    void onFrame(); // any frame or pong: the connection is alive
    void deliver(const QByteArray& data, Stream stream);
    void finishExit(int code);
    void fail(ErrorCode code, const QString& message);
    void sendRaw(const QByteArray& frame);
    QString describe() const;

    QNetworkRequest m_request;
    ExecOptions m_options;
    bool m_attach = false;
    qint64 m_maxMessageBytes = 0;
    QWebSocket m_socket;
    QTimer m_pingTimer;
    QTimer m_deadTimer;
    int m_deadMs = 0;
    bool m_connected = false;
    bool m_done = false;
    bool m_infoSeen = false;
    bool m_ttyMode = false;
    QString m_sessionId;
    QStringList m_command;
    QDateTime m_startedAt;
    QDateTime m_lastActivityAt;
    std::optional<int> m_exitCode;
    QByteArray m_scrollback;
    QList<QByteArray> m_pendingFrames; // written before the socket opened
    QTimer m_infoTimer;                // attach: wait for session_info
    QTimer m_killTimer;                // terminate(): TERM's grace period before KILL
};

} // namespace hangar::sprites
