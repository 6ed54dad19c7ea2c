#pragma once

#include "SpritesHttp.h"
#include "util/Result.h"

#include <QHostAddress>
#include <QNetworkRequest>
#include <QObject>
#include <QTcpServer>

namespace hangar::sprites {

// A local TCP port tunnelled to host:port inside a sprite (sprites-api.md §9): every accepted
// connection gets its own /proxy WebSocket, sends {"host","port"}, waits for
// {"status":"connected"} and then relays raw bytes both ways as binary messages. Either side
// closing closes the other. Named PortForward so it is not mistaken for the emulator's
// server-side proxy.
class PortForward : public QObject {
    Q_OBJECT
public:
    PortForward(QNetworkRequest socketRequest, QString remoteHost, quint16 remotePort,
                const ClientOptions& options, QObject* parent);
    ~PortForward() override;

    // Starts listening; port 0 picks a free one.
    Status listen(const QHostAddress& address = QHostAddress::LocalHost, quint16 port = 0);
    quint16 localPort() const { return m_server.serverPort(); }
    QHostAddress localAddress() const { return m_server.serverAddress(); }
    int activeTunnels() const { return m_tunnels; }
    // Stops accepting and drops every open tunnel.
    void close();

signals:
    // A local connection came in; its tunnel opens (tunnelOpened) or fails (tunnelFailed),
    // and ends with tunnelClosed either way.
    void tunnelAccepted();
    // A tunnel's WebSocket came up and the target accepted the connection.
    void tunnelOpened();
    // A tunnel could not be set up (refused upgrade, unreachable target, no reply in time);
    // its local connection has been closed.
    void tunnelFailed(const hangar::Error& error);
    void tunnelClosed();
    // Bytes relayed by a tunnel: sent to the sprite, received from it.
    void transferred(qint64 toSprite, qint64 fromSprite);

private:
    void onNewConnection();

    QNetworkRequest m_request;
    QString m_host;
    quint16 m_port;
    qint64 m_maxMessageBytes;
    QTcpServer m_server;
    int m_tunnels = 0;
};

} // namespace hangar::sprites
