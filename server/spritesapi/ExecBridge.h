#pragma once

#include "backend/ExecSession.h"
#include "backend/PortForward.h"

#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QWebSocket>

#include <memory>

namespace hangar::spritesapi {

// One exec WebSocket tied to one ExecSession (sprites-api.md §3): session_info first, then
// output framed by mode (non-TTY: 0x01/0x02 + bytes, exit [0x03, code]; TTY: raw bytes and
// {"type":"exit"}), close 1000 after the exit. Input: 0x00 + stdin bytes, 0x04 = EOF (non-TTY),
// raw bytes (TTY); text JSON `resize` and `signal`. While a local command runs, its TCP
// listeners (and its descendants') are sent as `port_opened`/`port_closed` (§3.5), found by a
// poll of /proc. Deletes itself when the socket goes away.
class ExecBridge : public QObject {
    Q_OBJECT
public:
    struct Options {
        bool owner = true; // this connection created the session
        bool tty = false;
        bool stdinEnabled = true;         // false: input is read and discarded
        qint64 dropAfterOutputBytes = -1; // fault: abort the TCP connection after this much
        qint64 runAfterDisconnectMs = 0;  // owner gone: terminate after this (0 = never)
    };

    ExecBridge(std::unique_ptr<QWebSocket> socket, Options options, QObject* parent);
    ~ExecBridge() override;

    // For a new command: connect before it starts. For an attach: replays the scrollback.
    void bind(ExecSession* session, bool replay);
    // The command could not be started: error message, then close 1011.
    void fail(const Error& error);

private:
    void sendSessionInfo();
    void onOutput(const QByteArray& data, ExecSession::Stream stream);
    void onExited(int exitCode);
    void onBinary(const QByteArray& message);
    void onText(const QString& message);
    void onDisconnected();
    void forward(const QByteArray& frame);
    // Undoes this bridge's pause of the session's output, if it paused it.
    void resumeOutput();
    void watchPorts();
    void onPorts(const QList<OpenPort>& ports);

    std::unique_ptr<QWebSocket> m_socket;
    Options m_options;
    QPointer<ExecSession> m_session;
    QList<QPair<bool, QByteArray>> m_early; // (binary?, message) before bind()
    QObject* m_portPoller = nullptr;        // while the command runs
    QMap<quint16, OpenPort> m_ports;        // its listeners last seen
    qint64 m_forwarded = 0;
    bool m_finished = false;
    bool m_pausedOutput = false; // this bridge paused the session's output
};

} // namespace hangar::spritesapi
